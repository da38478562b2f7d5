/**
 * A chart on a page: the SVG the server draws, as an image from its own address (named by the
 * chart's title, described by the table's caption), its title as the caption, and the same
 * numbers as a table for screen readers (visually hidden).
 */
import type { ReactNode } from "react";
import type { ChartView } from "~/domain/charts";

export function ChartFigure({ chart, id }: { chart: ChartView; id: string }) {
  return (
    <figure className="chart-figure" aria-labelledby={`${id}-caption`}>
      <img
        className="chart-image"
        src={chart.src}
        alt={chart.title}
        aria-describedby={`${id}-description`}
      />
      <figcaption id={`${id}-caption`}>{chart.title}</figcaption>
      {/* The box hides the table: a table itself cannot be narrowed to nothing, and would widen
          the page on a phone. */}
      <div className="sr-only">
        <table>
          <caption id={`${id}-description`}>{chart.description}</caption>
          <thead>
            <tr>
              {chart.table.head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {chart.table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) =>
                  j === 0 ? (
                    <th key={j} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={j}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** A page's section of charts: a heading, optional controls (e.g. a year choice), the charts. */
export function ChartsSection({
  id,
  title,
  charts,
  children,
}: {
  id: string;
  title: string;
  charts: ChartView[];
  children?: ReactNode;
}) {
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
      {charts.map((chart, i) => (
        <ChartFigure key={i} chart={chart} id={`${id}-${i + 1}`} />
      ))}
    </section>
  );
}
