"""Reference decodes for the decode corpus test, made with pydicom (and its GDCM handler) at test time.

usage: /usr/bin/python3 reference_decode.py LIST.json OUTDIR [START]
LIST.json is a JSON array of file paths. For file number i this writes OUTDIR/i.json with
{"ok": bool, "error": str, "shape": [...], "dtype": "<u2", "photometric": str, "frames": n} and,
when ok, OUTDIR/i.bin: every frame's samples, C order (frames, rows, columns[, samples]),
little endian. GDCM can abort the whole process on a corrupt file: the caller restarts the script at
the first index without a .json (START), recording that file as a reference crash.
"""
import json
import signal
import subprocess
import sys
import warnings

import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import convert_color_space

warnings.filterwarnings("ignore")


# JPEG DCT decoders (GDCM, Pillow) already return RGB for YBR; J2K codecs undo RCT/ICT themselves.
DCT_OR_J2K = {f"1.2.840.10008.1.2.4.{n}" for n in (50, 51, 53, 55, 90, 91, 201, 202, 203)}


# dcmtk decompresses these (it follows Photometric Interpretation for JPEG colour, and its CharLS is
# more reliable here than GDCM's, which returned all zeros for a near-lossless multi-frame file).
DCMTK = {f"1.2.840.10008.1.2.4.{n}": "dcmdjpeg" for n in (50, 51, 53, 55, 57, 70)}
DCMTK.update({"1.2.840.10008.1.2.4.80": "dcmdjpls", "1.2.840.10008.1.2.4.81": "dcmdjpls"})


def read_with_dcmtk(path, ds, tmp):
    """The data set decompressed by dcmtk, or None (then pydicom decodes the original)."""
    tool = DCMTK.get(str(ds.file_meta.get("TransferSyntaxUID", "")))
    if tool is None:
        return None
    done = subprocess.run([tool, path, tmp], capture_output=True, timeout=HANG_S)
    if done.returncode != 0:
        return None
    return pydicom.dcmread(tmp, force=True)


# HTJ2K (JPEG 2000 Part 15): pydicom 2.3 has no handler, but Debian's Pillow links OpenJPEG 2.5, which decodes
# HTJ2K codestreams. OpenJPEG is an implementation independent of OpenJPH (the codec the app uses).
HTJ2K = {f"1.2.840.10008.1.2.4.{n}" for n in (201, 202, 203)}


def read_htj2k_with_openjpeg(ds):
    """Every frame decoded by Pillow/OpenJPEG, as (frames, rows, columns[, samples]) in the stored dtype."""
    import io

    from PIL import Image
    from pydicom.encaps import generate_pixel_data_frame

    frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
    dtype = np.dtype(f"{'i' if ds.PixelRepresentation else 'u'}{(ds.BitsAllocated + 7) // 8}")
    out = []
    for codestream in generate_pixel_data_frame(ds.PixelData, frames):
        image = Image.open(io.BytesIO(codestream))
        image.load()
        out.append(np.asarray(image).astype(dtype))
    arr = np.stack(out)
    return arr if frames > 1 else arr[0]


# Only a stop for a reference decoder that hung: far above what a loaded machine needs for one file.
HANG_S = 600


class Timeout(Exception):
    pass


def on_alarm(_signum, _frame):
    raise Timeout(f"reference decode took more than {HANG_S} s")


def main() -> None:
    files = json.load(open(sys.argv[1]))
    out = sys.argv[2]
    start = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    signal.signal(signal.SIGALRM, on_alarm)
    for i, path in enumerate(files):
        if i < start:
            continue
        meta = {"ok": False}
        signal.alarm(HANG_S)
        try:
            ds = pydicom.dcmread(path, force=True)
            if "TransferSyntaxUID" not in ds.file_meta:
                # No meta header (ACR-NEMA style): the syntax pydicom detected while reading.
                ds.file_meta.TransferSyntaxUID = (
                    pydicom.uid.ImplicitVRLittleEndian if ds.is_implicit_VR else pydicom.uid.ExplicitVRLittleEndian
                )
            decoded = read_with_dcmtk(path, ds, f"{out}/{i}.dcmtk.dcm")
            reference = "pydicom" if decoded is None else "dcmtk"
            if decoded is not None:
                ds = decoded
            if str(ds.file_meta.TransferSyntaxUID) in HTJ2K:
                arr = read_htj2k_with_openjpeg(ds)
                reference = "openjpeg"
            else:
                arr = ds.pixel_array
            frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
            photometric = str(getattr(ds, "PhotometricInterpretation", ""))
            converted = False
            if photometric in ("YBR_FULL", "YBR_FULL_422") and ds.file_meta.TransferSyntaxUID not in DCT_OR_J2K:
                # pydicom leaves these as stored; the app shows RGB, so compare against pydicom's own conversion.
                arr = convert_color_space(arr, photometric, "RGB", per_frame=frames > 1)
                converted = True
            meta.update(
                ok=True,
                shape=list(arr.shape),
                dtype=arr.dtype.newbyteorder("<").str,
                photometric=photometric,
                converted=converted,
                reference=reference,
                frames=frames,
            )
            arr.astype(arr.dtype.newbyteorder("<"), copy=False).tofile(f"{out}/{i}.bin")
        except BaseException as exc:  # the reference failing is data, not an error of this script
            meta["error"] = f"{type(exc).__name__}: {exc}"[:300]
        finally:
            signal.alarm(0)
        with open(f"{out}/{i}.json", "w") as fh:
            json.dump(meta, fh)


if __name__ == "__main__":
    main()
