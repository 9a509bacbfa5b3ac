// Placeholder until the language server lands (issue 3).
process.stderr.write('source-anchors language server: not built yet\n');
