# The start of every X script of the e2e harness (python3-xlib): the display, and `windows()`
# yielding each window with its title. The scripts below are run after it.
import struct, sys, zlib
from Xlib import X, display, protocol
d = display.Display()
root = d.screen().root
net_name = d.intern_atom('_NET_WM_NAME')
utf8 = d.intern_atom('UTF8_STRING')
def walk(w):
    yield w
    for c in w.query_tree().children:
        yield from walk(c)
def windows():
    for w in walk(root):
        prop = w.get_full_property(net_name, utf8)
        name = prop.value.decode() if prop else (w.get_wm_name() or '')
        if isinstance(name, bytes):
            name = name.decode()
        yield w, name
