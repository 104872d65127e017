// One colour per member, stable for the lane's life: "member-3" is always the
// fourth colour, so a record's tag matches its owner in the assignment list.
const PALETTE = ['blue', 'orange', 'teal', 'grape', 'lime', 'red', 'cyan', 'yellow', 'violet', 'green', 'pink', 'indigo'] as const;

export type MemberColor = (typeof PALETTE)[number];

export function memberColor(member: string): MemberColor {
  const number = /(\d+)$/.exec(member)?.[1];
  if (number !== undefined) return PALETTE[Number(number) % PALETTE.length]!;
  let hash = 0;
  for (const char of member) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}
