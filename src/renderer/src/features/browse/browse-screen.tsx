// Browse: read a topic without a group. Each read is a URL, so a reload or a
// link (a group's "not consumed yet" range) fills the form and reads at once.
import { Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useActiveConnection } from '../../api/use-active-connection';
import type { BrowseRequest } from '../../api/use-browse';
import { navigate } from '../../shell/use-route';
import { browseParam, parseBrowseParam } from './browse-link';
import { BrowseForm } from './browse-form';
import { browseFormFromLink, requestFromLink, toBrowseLink, toBrowseRequest } from './browse-form-model';
import { BrowseResults } from './browse-results';

export function BrowseScreen({ param }: { param: string | null }) {
  const { id: connectionId } = useActiveConnection();
  return <BrowseWorkspace key={connectionId} connectionId={connectionId} param={param} />;
}

function BrowseWorkspace({ connectionId, param }: { connectionId: string; param: string | null }) {
  const [link] = useState(() => parseBrowseParam(param));
  const [values, setValues] = useState(() => browseFormFromLink(link));
  const [touched, setTouched] = useState(false);
  const [run, setRun] = useState<{ id: number; request: BrowseRequest } | null>(() => (link?.start ? { id: 1, request: requestFromLink({ ...link, start: link.start }, connectionId) } : null));

  const read = () => {
    setTouched(true);
    const request = toBrowseRequest(values, connectionId);
    if (!request) return;
    const next = browseParam(toBrowseLink(request));
    // A new read gets its own URL (this screen then opens afresh from it); the same one reads again in place.
    if (next === param) setRun((previous) => ({ id: (previous?.id ?? 0) + 1, request }));
    else navigate('browse', next);
  };

  return (
    <Stack>
      <Title order={2}>Browse</Title>
      <BrowseForm connectionId={connectionId} values={values} onChange={setValues} onRead={read} touched={touched} />
      {run ? <BrowseResults key={run.id} request={run.request} /> : null}
    </Stack>
  );
}
