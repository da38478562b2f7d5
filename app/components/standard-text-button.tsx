/**
 * "Brug standardteksten" under a text field (see app/domain/standard-text.ts). With JavaScript it
 * fills the field in the browser and says so; without it, it submits `intent=standard-<field>`.
 */
import { useState } from "react";
import { useFormContext } from "react-hook-form";
import { STANDARD_TEXT_NOTICE, standardTextIntent } from "~/domain/standard-text";
import { fieldId } from "./form";

export function StandardTextButton({
  name,
  text,
  label = "Brug standardteksten",
  accessibleName,
}: {
  /** The field to fill. */
  name: string;
  /** The standard text, as the user would type it. */
  text: string;
  label?: string;
  /** A name that tells several such buttons on one page apart; it starts with the label. */
  accessibleName?: string;
}) {
  const { setValue } = useFormContext();
  const [status, setStatus] = useState("");
  return (
    <div className="field-actions">
      <button
        type="submit"
        name="intent"
        value={standardTextIntent(name)}
        formNoValidate
        aria-label={accessibleName}
        className="button button-secondary button-small"
        onClick={(event) => {
          event.preventDefault();
          setValue(name, text, { shouldDirty: true, shouldValidate: true });
          setStatus(STANDARD_TEXT_NOTICE);
          document.getElementById(fieldId(name))?.focus();
        }}
      >
        {label}
      </button>
      <span className="muted" role="status">
        {status ? ` ${status}` : ""}
      </span>
    </div>
  );
}
