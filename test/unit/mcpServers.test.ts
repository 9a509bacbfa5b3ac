/** The MCP servers the extension offers VS Code's chat, as plain data. */
import { describe, expect, it } from 'vitest';
import { mcpServerSpecs } from '../../client/src/mcpServers.js';

const base = { cli: '/ext/dist/cli.js', execPath: '/opt/code/code', version: '0.1.0' };

describe('mcpServerSpecs', () => {
  it('one server per folder on disk, run by the editor as Node, with the set settings', () => {
    const specs = mcpServerSpecs({
      ...base,
      trusted: true,
      folders: [
        {
          name: 'thesis',
          path: '/w/thesis',
          settings: { corpus: ['papers/'], drafts: null, severity: { 'quote-converted': 'warning' } },
        },
        { name: 'notes', path: '/w/notes', settings: { corpus: null, severity: {}, citationStyle: 'apa' } },
        { name: 'remote', path: undefined, settings: {} },
      ],
    });
    expect(specs).toEqual([
      {
        label: 'Source Anchors: thesis',
        version: '0.1.0+cb9802ce',
        command: '/opt/code/code',
        args: ['/ext/dist/cli.js', 'mcp', '--root', '/w/thesis'],
        cwd: '/w/thesis',
        env: {
          ELECTRON_RUN_AS_NODE: '1',
          SOURCE_ANCHORS_SETTINGS: '{"corpus":["papers/"],"severity":{"quote-converted":"warning"}}',
        },
      },
      {
        label: 'Source Anchors: notes',
        version: '0.1.0+15603691',
        command: '/opt/code/code',
        args: ['/ext/dist/cli.js', 'mcp', '--root', '/w/notes'],
        cwd: '/w/notes',
        env: { ELECTRON_RUN_AS_NODE: '1', SOURCE_ANCHORS_SETTINGS: '{"citationStyle":"apa"}' },
      },
    ]);
  });

  it('a single folder is just "Source Anchors"', () => {
    const [spec] = mcpServerSpecs({
      ...base,
      trusted: true,
      folders: [{ name: 'w', path: '/w', settings: {} }],
    });
    expect(spec!.label).toBe('Source Anchors');
  });

  it('another version when the settings change, so that VS Code starts the server again', () => {
    const version = (settings: Record<string, unknown>) =>
      mcpServerSpecs({ ...base, trusted: true, folders: [{ name: 'w', path: '/w', settings }] })[0]!.version;
    expect(version({ corpus: ['a/'] })).not.toBe(version({ corpus: ['b/'] }));
    expect(version({ corpus: ['a/'] })).toBe(version({ corpus: ['a/'], drafts: null }));
  });

  it('none in an untrusted workspace', () => {
    expect(
      mcpServerSpecs({ ...base, trusted: false, folders: [{ name: 'w', path: '/w', settings: {} }] }),
    ).toEqual([]);
  });
});
