import { sourceNotes } from '../../shared/metrics/source-notes';
import { escapeMarkdown } from '../../shared/metrics/render-markdown';

const ok = (source: string, count = 1) => ({ status: 'ok' as const, count, source });

describe('sourceNotes', () => {
  it('says nothing for a metric counted from its own table', () => {
    expect(sourceNotes([{ label: 'Syslog', when: 'before', value: ok('Syslog') }])).toEqual([]);
  });

  it('groups metrics counted from the same table in the same windows into one line', () => {
    const flows = (when: string, source: string) => [
      { label: 'Malicious flows allowed in', when, value: ok(source) },
      { label: 'Malicious flows denied in', when, value: ok(source) },
    ];
    expect(
      sourceNotes([...flows('before', 'AzureNetworkAnalytics_CL'), ...flows('after', 'AzureNetworkAnalytics_CL')]),
    ).toEqual([
      'Malicious flows allowed in, Malicious flows denied in (before and after): counted from AzureNetworkAnalytics_CL',
    ]);
  });

  it('keeps windows apart when the table changed between them (legacy before, VNet flow logs after)', () => {
    const notes = sourceNotes([
      { label: 'Malicious flows allowed in', when: 'before', value: ok('AzureNetworkAnalytics_CL') },
      { label: 'Malicious flows allowed in', when: 'after', value: ok('NTANetAnalytics') },
    ]);
    expect(notes).toEqual([
      'Malicious flows allowed in (before): counted from AzureNetworkAnalytics_CL',
      'Malicious flows allowed in (after): counted from NTANetAnalytics',
    ]);
  });

  it('explains missing and partial values after the sources, escaped for the format', () => {
    const notes = sourceNotes(
      [
        {
          label: 'Malicious flows denied in',
          when: 'after',
          value: { status: 'not_available', reason: 'no flow table' },
        },
        { label: 'Syslog', when: '', value: { status: 'partial', count: 3, source: 'Syslog', reason: 'a|b' } },
        { label: 'Malicious flows denied in', when: 'before', value: ok('AzureNetworkAnalytics_CL') },
      ],
      escapeMarkdown,
    );
    expect(notes).toEqual([
      'Malicious flows denied in (before): counted from AzureNetworkAnalytics\\_CL',
      'Malicious flows denied in (after): not available: no flow table',
      'Syslog: partial result from Syslog: a\\|b',
    ]);
  });
});
