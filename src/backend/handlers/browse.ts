// browse.read (a stream) and browse.value: a topic read without a group.
import type { Contract } from '../../shared/contract/index.js';
import type { MethodHandlers, StreamHandlers } from '../../shared/rpc/dispatcher.js';
import type { BrowseService } from '../browse/browse-service.js';

export type BrowseHandlers = Pick<MethodHandlers<Contract>, 'browse.value'> & Pick<StreamHandlers<Contract>, 'browse.read'>;

export function browseHandlers(browse: BrowseService): BrowseHandlers {
  return {
    'browse.read': (params, sink, signal) => browse.read(params, sink, signal),
    'browse.value': (input) => browse.value(input.connectionId, input.topic, input.partition, BigInt(input.offset), input.part),
  };
}
