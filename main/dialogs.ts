import { BrowserWindow, dialog, type OpenDialogOptions, type WebContents } from 'electron';

/** Shows the open dialog for evidence (files and folders, several at once); null when cancelled. */
export async function chooseEvidence(sender: WebContents): Promise<string[] | null> {
  const options: OpenDialogOptions = {
    title: 'Open evidence',
    buttonLabel: 'Open',
    properties: ['openFile', 'openDirectory', 'multiSelections'],
  };
  const owner = BrowserWindow.fromWebContents(sender);
  const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : result.filePaths;
}
