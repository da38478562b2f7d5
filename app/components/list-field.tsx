/**
 * An editable list inside a ValidatedForm (parties, criteria, staff …): add, remove and move rows
 * with buttons that work by keyboard. With JavaScript the buttons act at once (react-hook-form's
 * field array); without it they submit `_list=<name>:<op>:<index>` and the action re-renders the
 * form with the change applied (applyListIntent), so the list can be edited either way.
 */
import { useRef, useState, type ReactNode } from "react";
import { useFieldArray, useFormContext } from "react-hook-form";
import { fieldId, useListError } from "./form";

function ListButton({
  intent,
  onClick,
  children,
  disabled,
  id,
  variant = "secondary",
  describedBy,
}: {
  intent: string;
  onClick: () => void;
  children: ReactNode;
  disabled?: boolean;
  id?: string;
  variant?: "secondary" | "danger";
  describedBy?: string;
}) {
  return (
    <button
      type="submit"
      name="_list"
      value={intent}
      id={id}
      formNoValidate
      disabled={disabled}
      aria-describedby={describedBy}
      className={`button button-${variant} button-small`}
      onClick={(event) => {
        event.preventDefault();
        onClick();
      }}
    >
      {children}
    </button>
  );
}

export function ListField({
  name,
  itemLabel,
  addLabel,
  emptyText = "Ingen endnu.",
  emptyItem,
  renderItem,
  ordered = true,
}: {
  name: string;
  /** Accessible name of row i (the legend), e.g. "Part 3". */
  itemLabel: (index: number) => string;
  addLabel: string;
  emptyText?: string;
  emptyItem: Record<string, unknown>;
  renderItem: (index: number, prefix: string) => ReactNode;
  ordered?: boolean;
}) {
  const { control } = useFormContext();
  const { fields, append, remove, move } = useFieldArray({ control, name, keyName: "_key" });
  const [announcement, setAnnouncement] = useState("");
  const base = fieldId(name);
  const listRef = useRef<HTMLOListElement>(null);

  const focusLater = (id: string) =>
    requestAnimationFrame(() => document.getElementById(id)?.focus());

  const listError = useListError(name);

  return (
    <div className="list-field" id={base}>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      {listError ? (
        <p className="field-error" id={`${base}-error`}>
          {listError}
        </p>
      ) : null}
      {fields.length === 0 ? <p className="muted">{emptyText}</p> : null}
      <ol className="list-items" ref={listRef}>
        {fields.map((field, index) => {
          const key = (field as unknown as { _key: string })._key;
          // Ids follow the row's position (not RHF's random key) so server and browser agree.
          const rowId = (i: number) => `${base}-${i}`;
          const legendId = `${rowId(index)}-legend`;
          return (
            <li key={key} className="list-item">
              <fieldset aria-labelledby={legendId}>
                <legend id={legendId}>{itemLabel(index)}</legend>
                {renderItem(index, `${name}.${index}`)}
                <div className="list-item-actions">
                  {ordered ? (
                    <>
                      <ListButton
                        intent={`${name}:up:${index}`}
                        id={`${rowId(index)}-up`}
                        disabled={index === 0}
                        describedBy={legendId}
                        onClick={() => {
                          move(index, index - 1);
                          setAnnouncement(`${itemLabel(index)} er flyttet op`);
                          focusLater(
                            index - 1 === 0 ? `${rowId(index - 1)}-down` : `${rowId(index - 1)}-up`,
                          );
                        }}
                      >
                        Flyt op
                      </ListButton>
                      <ListButton
                        intent={`${name}:down:${index}`}
                        id={`${rowId(index)}-down`}
                        disabled={index === fields.length - 1}
                        describedBy={legendId}
                        onClick={() => {
                          move(index, index + 1);
                          setAnnouncement(`${itemLabel(index)} er flyttet ned`);
                          focusLater(
                            index + 1 === fields.length - 1
                              ? `${rowId(index + 1)}-up`
                              : `${rowId(index + 1)}-down`,
                          );
                        }}
                      >
                        Flyt ned
                      </ListButton>
                    </>
                  ) : null}
                  <ListButton
                    intent={`${name}:remove:${index}`}
                    variant="danger"
                    describedBy={legendId}
                    onClick={() => {
                      remove(index);
                      setAnnouncement(`${itemLabel(index)} er fjernet`);
                      focusLater(`${base}-add`);
                    }}
                  >
                    Fjern
                  </ListButton>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <ListButton
        intent={`${name}:add`}
        id={`${base}-add`}
        onClick={() => {
          append(emptyItem, { shouldFocus: false });
          setAnnouncement("En ny række er tilføjet");
          requestAnimationFrame(() => {
            const items = listRef.current?.querySelectorAll<HTMLElement>(":scope > .list-item");
            items?.[items.length - 1]
              ?.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea")
              ?.focus();
          });
        }}
      >
        {addLabel}
      </ListButton>
    </div>
  );
}
