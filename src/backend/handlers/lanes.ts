// lanes.*: open, control and watch lanes. The logic lives in LaneService and Lane.
import type { Contract } from '../../shared/contract/index.js';
import type { MethodHandlers, StreamHandlers } from '../../shared/rpc/dispatcher.js';
import type { LaneService } from '../lanes/lane-service.js';

type LaneMethods =
  | 'lanes.open'
  | 'lanes.list'
  | 'lanes.pause'
  | 'lanes.resume'
  | 'lanes.stop'
  | 'lanes.start'
  | 'lanes.close'
  | 'lanes.addMember'
  | 'lanes.removeMember'
  | 'lanes.replay';

export type LaneHandlers = Pick<MethodHandlers<Contract>, LaneMethods> & Pick<StreamHandlers<Contract>, 'lanes.events'>;

export function laneHandlers(lanes: LaneService): LaneHandlers {
  return {
    'lanes.open': ({ connectionId, topic, groupId, autoOffsetReset, members, autoCommit }) =>
      lanes.open(connectionId, { topic, groupId, autoOffsetReset, members, autoCommit }),
    'lanes.list': () => lanes.list(),
    'lanes.pause': ({ laneId }) => {
      const lane = lanes.get(laneId);
      lane.pause();
      return lane.view();
    },
    'lanes.resume': ({ laneId }) => {
      const lane = lanes.get(laneId);
      lane.resume();
      return lane.view();
    },
    'lanes.stop': async ({ laneId }) => {
      const lane = lanes.get(laneId);
      await lane.stop();
      return lane.view();
    },
    'lanes.start': ({ laneId }) => lanes.start(laneId),
    'lanes.close': async ({ laneId }) => {
      await lanes.close(laneId);
      return null;
    },
    'lanes.addMember': async ({ laneId }) => {
      const lane = lanes.get(laneId);
      await lane.addMember();
      return lane.view();
    },
    'lanes.removeMember': ({ laneId, member }) => lanes.removeMember(laneId, member),
    'lanes.replay': ({ laneId }) => lanes.replay(laneId),
    'lanes.events': ({ laneId }, sink, signal) => lanes.subscribe(laneId, sink, signal),
  };
}
