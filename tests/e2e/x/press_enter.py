# Presses Enter in the dialog on screen titled argv[1].
import time
from Xlib import XK
from Xlib.ext import xtest
for w, name in windows():
    if name.startswith(sys.argv[1]) and w.get_attributes().map_state == X.IsViewable:
        code = d.keysym_to_keycode(XK.XK_Return)
        xtest.fake_input(d, X.KeyPress, code)
        xtest.fake_input(d, X.KeyRelease, code)
        d.sync()
        print('chose the folder')
        break
