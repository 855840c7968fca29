# Copies the window titled argv[1] (or the whole screen) to the PNG file argv[2].
box = None
for w, name in windows():
    g = w.get_geometry()
    if name == sys.argv[1] and g.width > 100:
        at = w.translate_coords(root, 0, 0)
        box = (-at.x, -at.y, g.width, g.height)
        break
if box is None:
    g = root.get_geometry()
    box = (0, 0, g.width, g.height)
x, y, width, height = box
raw = root.get_image(x, y, width, height, X.ZPixmap, 0xffffffff).data
rows = b''.join(
    b'\0' + bytes(b for i in range(width) for b in (raw[(r * width + i) * 4 + 2], raw[(r * width + i) * 4 + 1], raw[(r * width + i) * 4]))
    for r in range(height))
def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(rows, 6)) + chunk(b'IEND', b'')
open(sys.argv[2], 'wb').write(png)
