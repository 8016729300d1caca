"""Reference text decoding for the character set test, made with pydicom at test time.

usage: /usr/bin/python3 reference_charset.py < REQUEST.json > ANSWER.json
REQUEST: {"files": [path, ...], "cases": [{"terms": [...], "text": str} or {"codec": str, "text": str}, ...]}
ANSWER:  {"files": {path: {"terms": [...], "PatientName": str|null, ...}},
          "cases": [{"hex": bytes, "decoded": str}]}: for "terms", pydicom's encoding of text and pydicom's decoding
          of those bytes; for "codec" (where pydicom 2.3 cannot encode or decode the set), Python's own codec.
"""
import json
import sys
import warnings

import pydicom
from pydicom import charset

warnings.filterwarnings("ignore")

KEYWORDS = ["PatientName", "PatientID", "StudyDescription", "SeriesDescription", "ReferringPhysicianName", "AccessionNumber"]


def text_of(ds, keyword):
    if keyword not in ds:
        return None
    value = ds[keyword].value
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def main():
    request = json.load(sys.stdin)
    files = {}
    for path in request["files"]:
        ds = pydicom.dcmread(path, stop_before_pixels=True)
        terms = ds.get("SpecificCharacterSet", "")
        terms = list(terms) if isinstance(terms, pydicom.multival.MultiValue) else [terms]
        files[path] = {"terms": terms, **{k: text_of(ds, k) for k in KEYWORDS}}
    cases = []
    for case in request["cases"]:
        if "codec" in case:
            data = case["text"].encode(case["codec"])
            cases.append({"hex": data.hex(), "decoded": data.decode(case["codec"])})
            continue
        encodings = charset.convert_encodings(case["terms"])
        data = charset.encode_string(case["text"], encodings)
        cases.append({"hex": data.hex(), "decoded": charset.decode_bytes(data, encodings, set())})
    json.dump({"files": files, "cases": cases}, sys.stdout, ensure_ascii=False)


main()
