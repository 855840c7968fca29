# Prints "x y width height" of the window on screen titled argv[1] (its place on the screen and
# its size); with argv[2] ("x,y,width,height") it first moves and resizes it there, as a person
# dragging it and its edges does (the toolkit receives the same ConfigureNotify).
for w, name in windows():
    if name == sys.argv[1] and w.get_attributes().map_state == X.IsViewable:
        if len(sys.argv) > 2:
            x, y, width, height = (int(v) for v in sys.argv[2].split(','))
            w.configure(x=x, y=y, width=width, height=height)
            d.sync()
        g = w.get_geometry()
        # Where the screen's corner is in the window's coordinates: minus the window's place.
        corner = w.translate_coords(root, 0, 0)
        print(-corner.x, -corner.y, g.width, g.height)
        sys.exit(0)
sys.exit('no window on screen titled ' + sys.argv[1])
