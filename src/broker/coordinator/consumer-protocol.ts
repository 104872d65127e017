// The topic list inside a ConsumerProtocolSubscription (the member metadata a
// "consumer"-type group member sends in JoinGroup). The coordinator never
// needs the rest of it; OffsetDelete needs the topics to refuse deleting
// offsets of a topic that active members still consume.
//
// Layout, every version: int16 version, int32 topic count, then int16-length
// strings; later versions append user data and owned partitions, ignored here.

export const CONSUMER_PROTOCOL_TYPE = 'consumer';

/** The subscribed topics, or null when the bytes are not a readable subscription. */
export function subscribedTopicsOf(metadata: Buffer): string[] | null {
  if (metadata.length < 6) return null;
  const count = metadata.readInt32BE(2);
  if (count < 0) return null;
  const topics: string[] = [];
  let offset = 6;
  for (let i = 0; i < count; i++) {
    if (offset + 2 > metadata.length) return null;
    const length = metadata.readInt16BE(offset);
    offset += 2;
    if (length < 0 || offset + length > metadata.length) return null;
    topics.push(metadata.toString('utf8', offset, offset + length));
    offset += length;
  }
  return topics;
}
