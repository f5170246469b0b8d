/**
 * 属地管理: a street (街道/乡镇) or district (区县) named in the address takes the tickets that history sends to
 * territorial units. The names come from the departments table (kind `street` / `district`), never from a list in
 * code: a city that adds a street adds a department, and the rule follows.
 */
export interface TerritoryUnit {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
}

export interface TerritoryMatch {
  unit: TerritoryUnit;
  /** The words of the address that named it. */
  matched: string;
}

const GOVERNMENT_SUFFIX = /(人民政府|政府|办事处)$/;

/** The ways an address may name a unit: `上城区湖滨街道` → 上城区湖滨街道, 湖滨街道; `上城区人民政府` → 上城区. */
export function addressKeys(unit: TerritoryUnit, parentName: string | null): string[] {
  const keys = new Set<string>();
  const bare = unit.name.replace(GOVERNMENT_SUFFIX, '');
  if (bare.length >= 2) keys.add(bare);
  if (parentName) {
    const parentBare = parentName.replace(GOVERNMENT_SUFFIX, '');
    if (parentBare && bare.startsWith(parentBare) && bare.length - parentBare.length >= 3) {
      keys.add(bare.slice(parentBare.length));
    }
  }
  return [...keys];
}

export function createTerritoryIndex(units: TerritoryUnit[]) {
  const byId = new Map(units.map((u) => [u.id, u]));
  const entries: { key: string; unit: TerritoryUnit }[] = [];
  for (const unit of units) {
    if (unit.kind !== 'street' && unit.kind !== 'district') continue;
    const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
    for (const key of addressKeys(unit, parent?.name ?? null)) entries.push({ key, unit });
  }
  // Longest key first: 西湖区北山街道 before 西湖区.
  entries.sort((a, b) => b.key.length - a.key.length);

  return {
    /** The street and the district the address names, if any (a street implies its district). */
    match(address: string | null | undefined): { street: TerritoryMatch | null; district: TerritoryMatch | null } {
      let street: TerritoryMatch | null = null;
      let district: TerritoryMatch | null = null;
      if (!address) return { street, district };
      for (const { key, unit } of entries) {
        if (!address.includes(key)) continue;
        if (unit.kind === 'street' && !street) street = { unit, matched: key };
        if (unit.kind === 'district' && !district) district = { unit, matched: key };
      }
      if (street && !district && street.unit.parentId) {
        const parent = byId.get(street.unit.parentId);
        if (parent?.kind === 'district') district = { unit: parent, matched: street.matched };
      }
      return { street, district };
    },
    kindOf(id: string): string | undefined {
      return byId.get(id)?.kind;
    },
  };
}
export type TerritoryIndex = ReturnType<typeof createTerritoryIndex>;
