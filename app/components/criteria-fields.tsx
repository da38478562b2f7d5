/** The rows of a success-criteria list (agreement-level or an activity's). */
import { emptyCriterion } from "~/domain/agreement-form-values";
import { HiddenField, SelectField, TextArea, TextField, type Option } from "./form";
import { ListField } from "./list-field";

/** The choice for a criterion that measures no goal yet. */
export const NO_GOAL_LABEL = "Ikke knyttet til et mål";

export function CriteriaFields({
  name,
  goals = [],
}: {
  name: string;
  /** The agreement's goals and delmål (goalSelectOptions), for "Måler på mål/delmål". */
  goals?: Option[];
}) {
  return (
    <ListField
      name={name}
      itemLabel={(i) => `Succeskriterium ${i + 1}`}
      addLabel="Tilføj succeskriterium"
      emptyText="Ingen succeskriterier endnu."
      emptyItem={emptyCriterion}
      renderItem={(_, prefix) => (
        <>
          <HiddenField name={`${prefix}.id`} />
          <TextArea name={`${prefix}.text`} label="Succeskriterium" rows={2} required />
          <SelectField
            name={`${prefix}.goalId`}
            label="Måler på mål/delmål"
            hint={
              goals.length
                ? "Målhierarkiet viser kriteriet under det valgte mål eller delmål."
                : "Delaftalen har ingen mål endnu. Skriv dem under «Formål, mål og metode»."
            }
            options={goals}
            placeholder={NO_GOAL_LABEL}
          />
          <TextField
            name={`${prefix}.dataSource`}
            label="Datakilde"
            required
            hint="Hvor måles kriteriet, fx «Tryghedsmåling 2025»."
          />
          <div className="row-fields">
            <TextField
              name={`${prefix}.baselineValue`}
              label="Udgangspunkt (tal)"
              inputMode="decimal"
            />
            <TextField name={`${prefix}.baselineUnit`} label="Enhed" hint="Fx %, personer" />
            <TextField
              name={`${prefix}.baselineYear`}
              label="År for udgangspunkt"
              inputMode="numeric"
            />
          </div>
          <TextField
            name={`${prefix}.baselineText`}
            label="Udgangspunkt som tekst"
            hint="Når udgangspunktet ikke er ét tal, fx «53 %, 66 % og 68 % i tre afdelinger». Står, som du skriver det, med året efter."
          />
          <div className="row-fields">
            <TextField name={`${prefix}.targetValue`} label="Mål (tal)" inputMode="decimal" />
            <TextField name={`${prefix}.targetUnit`} label="Enhed for mål" />
            <TextField name={`${prefix}.targetYear`} label="År for mål" inputMode="numeric" />
          </div>
          <TextField
            name={`${prefix}.targetText`}
            label="Mål som tekst"
            hint="Når målet ikke er ét tal, fx «mindst 70 % i alle tre afdelinger»."
          />
        </>
      )}
    />
  );
}
