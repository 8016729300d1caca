"""Reference decoder for the benchmark: python3-gdcm (the C++ GDCM codecs) decoding files in ONE process.

Usage: gdcm-decode.py steady WARMUP FILE...   -> JSON {"readMs": [...], "decodeMs": [...], "bytes": n}
       gdcm-decode.py first FILE              -> JSON {"importMs", "firstFrameMs"} (a cold process: import gdcm + one frame)
Per file: gdcm.ImageReader().Read() (file read + parse), then Image.GetBuffer() (decompression + copy out),
the same work as our read + parse + decodeFrame.
"""
import json
import sys
import time

t0 = time.perf_counter()
import gdcm  # noqa: E402  (timed: part of a cold start)
t_import = time.perf_counter()


def decode(path):
    reader = gdcm.ImageReader()
    reader.SetFileName(path)
    if not reader.Read():
        raise SystemExit(f"gdcm cannot read {path}")
    t_read = time.perf_counter()
    image = reader.GetImage()
    buf = image.GetBuffer()
    if buf is None or len(buf) != image.GetBufferLength():
        raise SystemExit(f"gdcm cannot decode {path}")
    return t_read, len(buf)


mode = sys.argv[1]
if mode == "first":
    decode(sys.argv[2])
    done = time.perf_counter()
    print(json.dumps({"importMs": (t_import - t0) * 1000, "firstFrameMs": (done - t0) * 1000}))
elif mode == "steady":
    warmup = int(sys.argv[2])
    files = sys.argv[3:]
    for path in files[:warmup]:
        decode(path)
    read_ms, decode_ms, size = [], [], 0
    for path in files[warmup:]:
        start = time.perf_counter()
        t_read, size = decode(path)
        end = time.perf_counter()
        read_ms.append((t_read - start) * 1000)
        decode_ms.append((end - t_read) * 1000)
    print(json.dumps({"readMs": read_ms, "decodeMs": decode_ms, "bytes": size}))
else:
    raise SystemExit(f"unknown mode {mode}")
