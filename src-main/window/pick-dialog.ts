import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';

/** The native open dialog for study:pick: a folder, or files (DICOM, zip, DICOMDIR). Null when cancelled. */
export async function pickPathsDialog(window: BrowserWindow | undefined, kind: 'folder' | 'files'): Promise<string[] | null> {
  const options: OpenDialogOptions = {
    title: kind === 'folder' ? 'Open a study folder' : 'Open DICOM files, a zip or a DICOMDIR',
    properties: kind === 'folder' ? ['openDirectory'] : ['openFile', 'multiSelections'],
  };
  const result = window === undefined ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(window, options);
  return result.canceled ? null : result.filePaths;
}

/** The native folder dialog for report outputs (created if the reader types a new name). Null when cancelled. */
export async function pickFolderDialog(window: BrowserWindow | undefined, purpose: 'pdf' | 'export'): Promise<string | null> {
  const options: OpenDialogOptions = {
    title: purpose === 'pdf' ? 'Save the report PDF into this folder' : 'Export the report (JSON, DICOM) into this folder',
    properties: ['openDirectory', 'createDirectory'],
  };
  const result = window === undefined ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(window, options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
