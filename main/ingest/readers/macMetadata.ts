/**
 * What macOS writes beside the files it copies, archives or shows (Finder's Compress puts
 * AppleDouble `._name` files under `__MACOSX/`, bsdtar adds them to a tar, Finder leaves
 * `.DS_Store`): recognised by their magic numbers, named, and never taken for evidence that
 * failed to read. Undefined for anything else.
 */
export function macMetadata(head: Buffer): string | undefined {
  if (head.length < 8) return undefined;
  const magic = head.readUInt32BE(0);
  if (magic === 0x00051607) return 'AppleDouble file (the extended attributes and resource fork macOS keeps of another file)';
  if (magic === 0x00051600) return 'AppleSingle file (a file as macOS encodes it with its attributes)';
  if (magic === 0x00000001 && head.toString('latin1', 4, 8) === 'Bud1') return '.DS_Store file (Finder\'s folder view settings)';
  return undefined;
}
