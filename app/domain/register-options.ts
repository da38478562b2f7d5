/**
 * The shared register's organisations and people as the options of the agreement sections'
 * selects (parties, working groups, financing, activities), labelled the same way everywhere.
 */

/** One option of a select: the row's id and what the user reads. */
export interface RegisterOption {
  value: number;
  label: string;
}

export interface RegisterOrganisation {
  id: number;
  name: string;
  kind: string;
}

export interface RegisterPerson {
  id: number;
  name: string;
  title: string | null;
  organisationName: string | null;
}

/** The organisations by name (the register's order). */
export function organisationOptions(
  organisations: readonly RegisterOrganisation[],
): RegisterOption[] {
  return organisations.map((o) => ({ value: o.id, label: o.name }));
}

/** Municipalities first, then housing organisations, then everyone else. */
const FUNDER_ORDER: Record<string, number> = { municipality: 0, housing_organisation: 1 };

/**
 * The organisations for a funding source: the likely funders first (municipalities, then housing
 * organisations), each group in the register's order.
 */
export function funderOptions(organisations: readonly RegisterOrganisation[]): RegisterOption[] {
  return organisationOptions(
    organisations
      .map((o, index) => ({ o, index }))
      .sort(
        (a, b) =>
          (FUNDER_ORDER[a.o.kind] ?? 2) - (FUNDER_ORDER[b.o.kind] ?? 2) || a.index - b.index,
      )
      .map(({ o }) => o),
  );
}

/**
 * The people, as "Ida Mørch, Ejendomsleder (Afd. 12 Strandengen)": names repeat, the title and
 * organisation tell them apart.
 */
export function personOptions(people: readonly RegisterPerson[]): RegisterOption[] {
  return people.map((p) => ({
    value: p.id,
    label: `${[p.name, p.title].filter(Boolean).join(", ")}${p.organisationName ? ` (${p.organisationName})` : ""}`,
  }));
}

/** Both lists, for the sections that pick organisations and people (parties, working groups). */
export function registerOptions(register: {
  organisations: readonly RegisterOrganisation[];
  people: readonly RegisterPerson[];
}): { organisations: RegisterOption[]; people: RegisterOption[] } {
  return {
    organisations: organisationOptions(register.organisations),
    people: personOptions(register.people),
  };
}
