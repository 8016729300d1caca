// A DICOM UID (PS3.5 9.1): digits and dots, at most 64 characters. Checked before a UID becomes part of a URL or of
// a folder name in the study cache (a server's "../" never becomes a path).
export const checkUid = (uid: string): boolean => uid.length > 0 && uid.length <= 64 && /^[0-9]+(\.[0-9]+)*$/.test(uid);
