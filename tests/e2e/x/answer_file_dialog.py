# Answers the file dialog titled argv[1] with the keyboard: select the name, type the path
# argv[2], press Enter (XTest key events, after the dialog has the focus).
import time
from Xlib import XK
from Xlib.ext import xtest
deadline = time.time() + 30
target = None
while target is None and time.time() < deadline:
    for w, name in windows():
        if name.startswith(sys.argv[1]) and w.get_attributes().map_state == X.IsViewable:
            target = w
            break
    else:
        time.sleep(0.2)
if target is None:
    sys.exit('no dialog titled ' + sys.argv[1])
# Focus the dialog and wait until the X server says it has the focus (or a child of it).
def has_focus():
    f = d.get_input_focus().focus
    while f and f != X.NONE and not isinstance(f, int):
        if f == target:
            return True
        f = f.query_tree().parent
    return False
deadline = time.time() + 10
while not has_focus():
    if time.time() > deadline:
        sys.exit('the dialog never took the focus')
    target.set_input_focus(X.RevertToParent, X.CurrentTime)
    d.sync()
    time.sleep(0.05)
def key(keysym, modifier=None):
    if modifier:
        xtest.fake_input(d, X.KeyPress, d.keysym_to_keycode(modifier))
    code = d.keysym_to_keycode(keysym)
    xtest.fake_input(d, X.KeyPress, code)
    xtest.fake_input(d, X.KeyRelease, code)
    if modifier:
        xtest.fake_input(d, X.KeyRelease, d.keysym_to_keycode(modifier))
    d.sync()
    time.sleep(0.02)
key(XK.XK_a, XK.XK_Control_L)
names = {'/': 'slash', '.': 'period', '-': 'minus', '_': 'underscore'}
for ch in sys.argv[2]:
    shifted = ch == '_' or ch.isupper()
    key(XK.string_to_keysym(names.get(ch, ch)), XK.XK_Shift_L if shifted else None)
key(XK.XK_Return)
print('answered', sys.argv[1])
