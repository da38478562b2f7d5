/**
 * The activity schema (aktivitetsskema) as a form, shared by "Ny aktivitet" and "Rediger
 * aktivitet": full and short name and reference, content, purposes and target groups (each with an
 * optional lead-in line), the activity's own success criteria, and who does what (one row per
 * party with its duties).
 */
import type { FormFailure } from "~/domain/form";
import { ActivitySchema } from "~/domain/agreement";
import { RICH_TEXT_HINT } from "~/domain/rich-text";
import { CriteriaFields } from "./criteria-fields";
import { HiddenField, SelectField, TextArea, TextField, ValidatedForm, type Option } from "./form";
import { ListField } from "./list-field";
import { SectionActions } from "./section-page";

const emptyResponsibility = { id: "", organisationId: "", label: "", duties: "" };

export function ActivityForm({
  defaultValues,
  failure,
  version,
  organisations,
  goals,
  saveLabel,
  cancelTo,
}: {
  defaultValues: Record<string, unknown>;
  failure?: FormFailure;
  version: number;
  /** The register's organisations, for the party of each responsibility. */
  organisations: Option[];
  /** The agreement's goals and delmål, for each criterion's "Måler på mål/delmål". */
  goals: Option[];
  saveLabel?: string;
  cancelTo: string;
}) {
  return (
    <ValidatedForm
      schema={ActivitySchema}
      defaultValues={defaultValues}
      failure={failure}
      hidden={{ version }}
      aria-label="Aktivitetsskema"
      className="panel"
    >
      <TextField name="name" label="Aktivitetsnavn" required />
      <TextField
        name="shortName"
        label="Kort navn i aktivitetslisten"
        hint="Valgfrit. Bruges i delaftalens liste over aktiviteter; skemaet bruger det fulde navn."
      />
      <TextField
        name="reference"
        label="Reference"
        hint="Henvisning til en metode eller et koncept, fx «jf. CFBU/Naboambassadører». Vises i parentes efter navnet."
      />
      <TextArea
        name="content"
        label="Indhold og praksis (aktivitetsbeskrivelse)"
        hint={RICH_TEXT_HINT}
        rows={10}
      />
      <TextField
        name="purposesLeadIn"
        label="Indledning til formål"
        hint="Valgfri linje før listen, fx «Formål med indsatsen er:»."
      />
      <TextArea name="purposes" label="Formål" hint="Ét formål pr. linje." rows={4} />
      <TextField
        name="targetGroupsLeadIn"
        label="Indledning til målgrupper"
        hint="Valgfri linje før listen, fx «Målgrupperne er:»."
      />
      <TextArea name="targetGroups" label="Målgruppe(r)" hint="Én målgruppe pr. linje." rows={4} />

      {/* The checklist links here (#f-criteria) when the activity has no success criterion. */}
      <section id="f-criteria" className="form-section" aria-labelledby="activity-criteria-title">
        <h2 id="activity-criteria-title">Succeskriterier og datakilde for aktiviteten</h2>
        <p className="muted">
          Aktiviteten skal have mindst ét succeskriterium, og hvert succeskriterium skal have en
          datakilde, før delaftalen kan godkendes.
        </p>
        <CriteriaFields name="criteria" goals={goals} />
      </section>

      <section className="form-section" aria-labelledby="activity-responsibilities-title">
        <h2 id="activity-responsibilities-title">Organisering, ansvar og rollefordeling</h2>
        <p className="muted">
          Én række pr. part: vælg organisationen fra registret, eller skriv en betegnelse, og skriv
          partens opgaver i aktiviteten.
        </p>
        <ListField
          name="responsibilities"
          itemLabel={(i) => `Part ${i + 1}`}
          addLabel="Tilføj part"
          emptyText="Ingen parter endnu."
          emptyItem={emptyResponsibility}
          renderItem={(_, prefix) => (
            <>
              <HiddenField name={`${prefix}.id`} />
              <div className="row-fields">
                <SelectField
                  name={`${prefix}.organisationId`}
                  label="Part (organisation)"
                  placeholder="Ingen valgt"
                  options={organisations}
                />
                <TextField
                  name={`${prefix}.label`}
                  label="eller betegnelse"
                  hint="Fx «Det Boligsociale Sekretariat» eller «Boligorganisationer samt ejendomskontorer». Med en organisation valgt vises betegnelsen i parentes efter den."
                />
              </div>
              <TextArea
                name={`${prefix}.duties`}
                label="Opgaver"
                hint="Én opgave pr. linje, fx «inviterer deltagerne»."
                rows={4}
              />
            </>
          )}
        />
      </section>

      <SectionActions cancelTo={cancelTo} saveLabel={saveLabel} />
    </ValidatedForm>
  );
}
