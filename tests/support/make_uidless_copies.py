"""Writes modified copies of real DICOM files into a temp folder (never into the repository) for the study-identity
tests: usage make_uidless_copies.py OUT_DIR MODE PATIENT_NAME PATIENT_ID FILE...

MODE 'blank' empties StudyInstanceUID, SeriesInstanceUID and SOPInstanceUID (and the meta header's copy), as an
anonymiser that blanks UIDs does; MODE 'delete' removes them altogether. Pixels and every other value are kept.
"""
import os
import sys

import pydicom

out_dir, mode, name, patient_id, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
os.makedirs(out_dir, exist_ok=True)
for n, path in enumerate(files):
    ds = pydicom.dcmread(path)
    for keyword in ('StudyInstanceUID', 'SeriesInstanceUID', 'SOPInstanceUID'):
        if mode == 'blank':
            setattr(ds, keyword, '')
        elif keyword in ds:
            delattr(ds, keyword)
    if 'MediaStorageSOPInstanceUID' in ds.file_meta:
        if mode == 'blank':
            ds.file_meta.MediaStorageSOPInstanceUID = ''
        else:
            del ds.file_meta.MediaStorageSOPInstanceUID
    if name != '-':
        ds.PatientName = name
    if patient_id != '-':
        ds.PatientID = patient_id
    ds.save_as(os.path.join(out_dir, f'{n:03d}.dcm'), write_like_original=True)
