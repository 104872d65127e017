// Sending from the form and re-sending from the history both record the
// result, so the history and the heat map show every send.
import { useProduce, type ProduceRequest } from '../../api/use-produce';
import { useProduceHistory } from '../../stores/produce-history-store';

export function useSendAndRecord() {
  const produce = useProduce();
  const add = useProduceHistory((state) => state.add);
  const send = (request: ProduceRequest) =>
    produce.mutate(request, { onSuccess: (result) => add({ request, sent: result.sent, total: result.total, elapsedMs: result.elapsedMs }) });
  return { send, result: produce.data, error: produce.error, isPending: produce.isPending, variables: produce.variables };
}
