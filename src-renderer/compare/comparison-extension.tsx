/**
 * The viewer extension while a prior is hung: each viewport draws the reading of the study it shows (the current
 * study's draft or the prior's), says which study and date it is, and where the level link put it; clicks in a
 * reading mode go to the reading of the study clicked; the controller steers the viewports (attach).
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { ComponentType } from 'react';
import { patientToImage, vec3 } from '@shared/geometry';
import type { ClickTool, ViewerExtension, ViewportOverlayProps } from '../viewer/extension';
import type { ReadingSession } from '../reading/use-reading-session';
import { combinedMeasurements } from './combined-measurements';
import type { ComparisonController } from './comparison-controller';

function StudyBadge({ controller, props }: { readonly controller: ComparisonController; readonly props: ViewportOverlayProps }) {
  const snapshot = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const facts = snapshot.viewports.find((v) => v.viewport === props.viewport);
  if (!snapshot.active || facts === undefined) return null;
  const { imageToCanvas, instance, dpr } = props;
  // The linked position, on the image it was linked to (a small cross, so the reader sees where "the same place" is).
  const at = facts.point === null ? null : imageToCanvas(patientToImage(instance.plane, vec3(facts.point[0], facts.point[1], facts.point[2])).point);
  const arm = 9 * dpr;
  return (
    <>
      {at !== null ? (
        <svg className="cmp-link-mark" viewBox={`0 0 ${props.width} ${props.height}`} preserveAspectRatio="none" aria-hidden="true">
          <line x1={at.x - arm} y1={at.y} x2={at.x + arm} y2={at.y} />
          <line x1={at.x} y1={at.y - arm} x2={at.x} y2={at.y + arm} />
        </svg>
      ) : null}
      <div className={`cmp-badge cmp-${facts.role}`} data-testid={`study-badge-${props.viewport}`} data-role={facts.role}>
        <span className="cmp-badge-study">{facts.badge}</span>
        {facts.note !== null ? (
          <span className={`cmp-badge-note${facts.extrapolated !== null || facts.point === null ? ' cmp-warn' : ''}`} data-testid={`link-note-${props.viewport}`}>
            {facts.note}
          </span>
        ) : null}
      </div>
    </>
  );
}

/**
 * The combined extension. Without a prior: the current reading's own, plus the controller's attach (inert then). The
 * overlay component is rebuilt only when a reading or the prior changes, not on every click-mode change.
 */
export function useComparisonExtension(
  controller: ComparisonController,
  current: ReadingSession | null,
  prior: ReadingSession | null,
  priorStudyKey: string | null,
  priorFrames: ReadonlySet<string>,
): ViewerExtension | undefined {
  const base = current?.extension;
  const CurrentOverlay = base?.Overlay;
  const PriorOverlay = prior?.extension.Overlay;
  const comparing = prior !== null && priorStudyKey !== null;
  const Overlay = useMemo((): ComponentType<ViewportOverlayProps> | undefined => {
    if (!comparing) return CurrentOverlay;
    return function ComparisonOverlay(props: ViewportOverlayProps) {
      const Own = props.series.studyKey === priorStudyKey ? PriorOverlay : CurrentOverlay;
      return (
        <>
          {Own ? <Own {...props} /> : null}
          <StudyBadge controller={controller} props={props} />
        </>
      );
    };
  }, [comparing, CurrentOverlay, PriorOverlay, priorStudyKey, controller]);
  const currentTool = base?.clickTool ?? null;
  const priorTool = prior?.extension.clickTool ?? null;
  const currentMeasurements = base?.measurements;
  const priorMeasurements = prior?.extension.measurements;
  // Measurements drawn on the prior's images belong to the prior's reading.
  const measurements = useMemo(
    () => (comparing && currentMeasurements && priorMeasurements ? combinedMeasurements(currentMeasurements, priorMeasurements, (frame) => priorFrames.has(frame)) : currentMeasurements),
    [comparing, currentMeasurements, priorMeasurements, priorFrames],
  );
  // The sessions' services are stable (the session objects are new on every render).
  const currentClicks = current?.services.clicks;
  const priorClicks = prior?.services.clicks;
  return useMemo((): ViewerExtension | undefined => {
    if (currentClicks === undefined) return undefined;
    const clickTool: ClickTool | null =
      !comparing || (currentTool === null && priorTool === null)
        ? currentTool
        : {
            onClick: (click) => {
              const isPrior = click.series.studyKey === priorStudyKey;
              const tool = isPrior ? priorTool : currentTool;
              if (tool !== null) return tool.onClick(click);
              // A reading mode of the other study: its points belong on its own images.
              (isPrior ? currentClicks : priorClicks)?.say(`That image is of the ${isPrior ? 'prior' : 'current'} study: place these points on the ${isPrior ? 'current' : 'prior'} study's images.`);
            },
          };
    return { ...(Overlay ? { Overlay } : {}), clickTool, ...(measurements ? { measurements } : {}), attach: controller.attach };
  }, [currentClicks, priorClicks, comparing, Overlay, currentTool, priorTool, measurements, priorStudyKey, controller]);
}
