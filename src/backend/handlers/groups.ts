// groups.*: list, describe, previewReset, reset, delete. Offsets and lags leave as decimal strings.
import type { Contract, ParsedInput } from '../../shared/contract/index.js';
import type { MethodHandlers } from '../../shared/rpc/dispatcher.js';
import type { GroupService, GroupSummary, ResetRequest } from '../groups/group-service.js';
import type { PlannedOffset, ResetTarget } from '../groups/reset-plan.js';

export type GroupHandlers = Pick<MethodHandlers<Contract>, 'groups.list' | 'groups.describe' | 'groups.previewReset' | 'groups.reset' | 'groups.delete'>;

const str = (value: bigint | null) => (value === null ? null : value.toString());

const summaryDto = (g: GroupSummary) => ({
  groupId: g.groupId,
  state: g.state,
  protocolType: g.protocolType,
  members: g.members,
  totalLag: str(g.totalLag),
});

function resetRequest(input: ParsedInput<Contract, 'groups.reset'>): ResetRequest {
  const t = input.target;
  const target: ResetTarget =
    t.to === 'timestamp' ? { to: 'timestamp', timestamp: BigInt(t.timestamp) } : t.to === 'offset' ? { to: 'offset', offset: BigInt(t.offset) } : t.to === 'shift' ? { to: 'shift', by: BigInt(t.by) } : t;
  return { connectionId: input.connectionId, groupId: input.groupId, topic: input.topic, target, ...(input.partitions ? { partitions: input.partitions } : {}) };
}

const previewDto = (plan: PlannedOffset[]) => ({
  partitions: plan.map((p) => ({ partition: p.partition, before: str(p.before), after: p.after.toString(), clamped: p.clamped })),
});

export function groupHandlers(groups: GroupService): GroupHandlers {
  return {
    'groups.list': async (input) => (await groups.list(input.connectionId)).map(summaryDto),
    'groups.describe': async (input) => {
      const detail = await groups.describe(input.connectionId, input.groupId);
      return {
        ...summaryDto(detail),
        protocol: detail.protocol,
        memberDetails: detail.description.members.map((m) => ({
          memberId: m.memberId,
          clientId: m.clientId,
          host: m.host,
          groupInstanceId: m.groupInstanceId,
          assignment: m.assignment,
        })),
        offsets: detail.offsets.map((o) => ({ topic: o.topic, partition: o.partition, committed: str(o.committed), highWatermark: str(o.highWatermark), lag: str(o.lag), member: o.member })),
      };
    },
    'groups.previewReset': async (input) => previewDto(await groups.previewReset(resetRequest(input))),
    'groups.reset': async (input) => previewDto(await groups.reset(resetRequest(input))),
    'groups.delete': async (input) => {
      await groups.delete(input.connectionId, input.groupId);
      return null;
    },
  };
}
