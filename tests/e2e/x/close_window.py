# Sends WM_DELETE_WINDOW to the window on screen whose title starts with argv[1] (a window
# manager's close button).
wm_delete = d.intern_atom('WM_DELETE_WINDOW')
wm_protocols = d.intern_atom('WM_PROTOCOLS')
for w, name in windows():
    if name.startswith(sys.argv[1]) and w.get_attributes().map_state == X.IsViewable:
        ev = protocol.event.ClientMessage(window=w, client_type=wm_protocols, data=(32, [wm_delete, X.CurrentTime, 0, 0, 0]))
        w.send_event(ev)
        d.flush()
        print('closed', name)
        sys.exit(0)
sys.exit('no window on screen titled ' + sys.argv[1] + ': ' + repr([(n, w.get_attributes().map_state) for w, n in windows() if n]))
