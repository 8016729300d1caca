"""Reference decoder for the benchmark: python3-gdcm (the C++ GDCM codecs) decoding files in ONE process.

Usage: gdcm-decode.py serve                    -> per path read on stdin, one JSON line {"readMs", "decodeMs"}
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
if mode == "serve":
    # One long-lived process answering path by path, so the caller can alternate ours and gdcm frame by frame
    # (a shared machine's load then hits both alike).
    for line in sys.stdin:
        path = line.strip()
        if not path:
            continue
        start = time.perf_counter()
        t_read, size = decode(path)
        end = time.perf_counter()
        print(json.dumps({"readMs": (t_read - start) * 1000, "decodeMs": (end - t_read) * 1000}), flush=True)
elif mode == "first":
    decode(sys.argv[2])
    done = time.perf_counter()
    print(json.dumps({"importMs": (t_import - t0) * 1000, "firstFrameMs": (done - t0) * 1000}))
else:
    raise SystemExit(f"unknown mode {mode}")
