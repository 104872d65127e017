// Consumer-group administration on kafkajs. kafkajs' describeGroups stops at
// DescribeGroups v2, which has no group.instance.id, so the group is described
// with our own v0-v4 request over kafkajs' connection to the coordinator.
// Offsets are written the way Kafka's admin client does it for
// kafka-consumer-groups: an OffsetCommit with no member and generation -1,
// which the coordinator accepts only while the group has no members (kafkajs'
// setOffsets would instead join the group as a consumer to commit).
import type { Admin } from 'kafkajs';
import { AssignerProtocol } from './kafkajs-module.js';
import type { CommittedOffset, GroupDescription, GroupMemberDescription, GroupOperations } from './client.js';
import { agreedVersion, kafkajsRequire, type InternalCluster, type KafkajsDecoder, type KafkajsEncoder } from './kafkajs-internals.js';
import { mapped } from './map-error.js';

const DESCRIBE_GROUPS = 15;
const ADMIN_GENERATION = -1;

interface RawMember {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  metadata: Buffer | null;
  assignment: Buffer | null;
}

interface RawGroup {
  errorCode: number;
  groupId: string;
  state: string;
  protocolType: string;
  protocol: string;
  members: RawMember[];
}

function describeGroupsRequest(groupId: string, version: number) {
  const Encoder = kafkajsRequire('kafkajs/src/protocol/encoder.js') as new () => KafkajsEncoder;
  const Decoder = kafkajsRequire('kafkajs/src/protocol/decoder.js') as new (raw: Buffer) => KafkajsDecoder;
  return {
    request: {
      apiKey: DESCRIBE_GROUPS,
      apiVersion: version,
      apiName: 'DescribeGroups',
      encode: async () => {
        const encoder = new Encoder().writeArray([groupId], 'string');
        return version >= 3 ? encoder.writeBoolean(false) : encoder;
      },
    },
    response: {
      decode: async (raw: Buffer) => {
        const d = new Decoder(raw);
        if (version >= 1) d.readInt32(); // throttle time
        return d.readArray((g): RawGroup => {
          const group = {
            errorCode: g.readInt16(),
            groupId: g.readString() ?? '',
            state: g.readString() ?? '',
            protocolType: g.readString() ?? '',
            protocol: g.readString() ?? '',
            members: g.readArray(
              (m): RawMember => ({
                memberId: m.readString() ?? '',
                groupInstanceId: version >= 4 ? m.readString() : null,
                clientId: m.readString() ?? '',
                clientHost: m.readString() ?? '',
                metadata: m.readBytes(),
                assignment: m.readBytes(),
              }),
            ),
          };
          if (version >= 3) g.readInt32(); // authorized operations
          return group;
        });
      },
      parse: async (groups: unknown) => groups,
    },
  };
}

function protocolError(code: number): Error {
  const { createErrorFromCode } = kafkajsRequire('kafkajs/src/protocol/error.js') as { createErrorFromCode(code: number): Error };
  return createErrorFromCode(code);
}

/** Consumer-protocol metadata and assignment; anything else (Connect, Streams' own) is left undecoded. */
function memberOf(raw: RawMember, consumerProtocol: boolean): GroupMemberDescription {
  let subscription: string[] = [];
  let assignment: GroupMemberDescription['assignment'] = [];
  if (consumerProtocol) {
    try {
      if (raw.metadata && raw.metadata.length > 0) subscription = [...AssignerProtocol.MemberMetadata.decode(raw.metadata)!.topics];
      const decoded = raw.assignment && raw.assignment.length > 0 ? AssignerProtocol.MemberAssignment.decode(raw.assignment) : null;
      assignment = Object.entries(decoded?.assignment ?? {})
        .map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }))
        .sort((a, b) => a.topic.localeCompare(b.topic));
    } catch {
      // A member that says "consumer" but sends other bytes: show it without partitions.
    }
  }
  return { memberId: raw.memberId, clientId: raw.clientId, host: raw.clientHost, groupInstanceId: raw.groupInstanceId, subscription, assignment };
}

/** kafkajs reports DeleteGroups failures per group inside its own error; the group's protocol error says why. */
function deleteGroupsCause(error: unknown): unknown {
  const groups = (error as { groups?: { error?: unknown }[] } | null)?.groups;
  return groups?.[0]?.error ?? error;
}

export function kafkajsGroupOperations(admin: () => Promise<Admin>, cluster: InternalCluster): GroupOperations {
  return {
    list: () =>
      mapped(async () => {
        const { groups } = await (await admin()).listGroups();
        return groups.map((g) => ({ groupId: g.groupId, protocolType: g.protocolType })).sort((a, b) => a.groupId.localeCompare(b.groupId));
      }),
    describe: (groupId) =>
      mapped(async (): Promise<GroupDescription> => {
        const coordinator = await (await cluster.get()).findGroupCoordinator({ groupId });
        const version = agreedVersion(coordinator, DESCRIBE_GROUPS, 0, 4);
        if (version === null) throw protocolError(35); // UNSUPPORTED_VERSION
        const [group] = (await coordinator.connectionPool.send(describeGroupsRequest(groupId, version))) as RawGroup[];
        if (!group) throw new Error(`the coordinator did not describe group "${groupId}"`);
        if (group.errorCode !== 0) throw protocolError(group.errorCode);
        const consumerProtocol = group.protocolType === 'consumer';
        return {
          groupId: group.groupId,
          state: group.state,
          protocolType: group.protocolType,
          protocol: group.protocol,
          members: group.members.map((m) => memberOf(m, consumerProtocol)),
        };
      }),
    committedOffsets: (groupId) =>
      mapped(async () => {
        // No topics: OffsetFetch v2+ answers every topic the group committed.
        const topics = await (await admin()).fetchOffsets({ groupId });
        const committed: CommittedOffset[] = [];
        for (const { topic, partitions } of topics) {
          for (const p of partitions) if (BigInt(p.offset) >= 0n) committed.push({ topic, partition: p.partition, offset: BigInt(p.offset) });
        }
        return committed.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
      }),
    commitOffsets: (groupId, topic, offsets) =>
      mapped(async () => {
        const coordinator = await (await cluster.get()).findGroupCoordinator({ groupId });
        const answer = await coordinator.offsetCommit({
          groupId,
          groupGenerationId: ADMIN_GENERATION,
          memberId: '',
          topics: [{ topic, partitions: offsets.map((o) => ({ partition: o.partition, offset: o.offset.toString() })) }],
        });
        const refused = answer.responses.flatMap((r) => r.partitions).find((p) => p.errorCode !== 0);
        if (refused) throw protocolError(refused.errorCode);
      }),
    delete: (groupId) =>
      mapped(async () => {
        try {
          await (await admin()).deleteGroups([groupId]);
        } catch (error) {
          throw deleteGroupsCause(error);
        }
      }),
  };
}
