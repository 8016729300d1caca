import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ReformatOrientation } from '@shared/geometry';
import { runCommand } from './commands';
import { ViewerContext, useViewerSelect } from './context';
import { ViewerExtensionContext } from './extension';
import type { ViewerExtension } from './extension';
import type { ViewerServices } from './context';
import { bootstrapCornerstone } from './cornerstone/bootstrap';
import { StudyList } from './browser/StudyList';
import type { RecentStudy } from './browser/StudyList';
import { SeriesStrip } from './browser/SeriesStrip';
import { chooseHanging, type Hanging } from './hanging';
import { followViewports } from './ingest/follow-viewports';
import { ViewportGrid } from './layout/ViewportGrid';
import type { MeasurementStore } from './measurements/model';
import { createMemoryMeasurementStore } from './measurements/store';
import { ViewerStore } from './model/viewer-store';
import { LAYOUT_SIZE } from './model/viewer-state';
import { HelpOverlay } from './panels/HelpOverlay';
import { MeasurementPanel } from './panels/MeasurementPanel';
import { Toolbar } from './panels/Toolbar';
import { syntheticFrame } from './loader/synthetic';
import type { FrameDecoder, PixelSource } from './loader/types';
import { createReformatService } from './reformat/reformat-service';
import { chordOf, SHORTCUTS } from './shortcuts';
import { useKeyBindings } from '../keymap/page-keymap';
import { installTestHook } from './test-hook';
import type { ViewerSeries, ViewerStudy } from './types';
import './viewer.css';

export interface ViewerProps {
  readonly studies: readonly ViewerStudy[];
  /** Bytes of indexed instances (host API). Without it (and a decoder) only synthetic images display. */
  readonly pixelSource?: PixelSource;
  readonly decoder?: FrameDecoder;
  /** The measurement record; defaults to an in-memory store. */
  readonly measurements?: MeasurementStore;
  /** Decoded-image cache budget in bytes (default 1 GiB). */
  readonly cacheBytes?: number;
  readonly recentStudies?: readonly RecentStudy[];
  readonly onOpenRecent?: (key: string) => void;
  /** Overlays and a click tool from the layer above (extension.ts). */
  readonly extension?: ViewerExtension;
  /**
   * Where the side panels go when the viewer is embedded in the app shell: the study/series list into the shell's
   * left column, the measurement list into its right one (portals keep the viewer's context). Without slots the
   * viewer lays out its own three columns.
   */
  readonly panelSlots?: { readonly left: HTMLElement; readonly right: HTMLElement };
  /** Told which study is shown (the reading follows it: a folder may hold several patients' studies). */
  readonly onStudyShown?: (studyKey: string) => void;
}

type BaseServices = Omit<ViewerServices, 'measurements'>;

function createServices(): BaseServices {
  const images = bootstrapCornerstone();
  images.setProvider('synthetic', async (imageId) => syntheticFrame(imageId));
  const store = new ViewerStore();
  images.setSpacingLookup((imageId) => {
    // Spacing comes from the catalogue (PixelSpacing / ImagerPixelSpacing), not from the decoded frame.
    const instance = store.instance(imageId);
    if (instance === undefined || instance.spacingSource === 'none') return null;
    return { row: instance.plane.rowSpacing, column: instance.plane.columnSpacing };
  });
  return { store, images, reformats: createReformatService(images) };
}

/** The reading viewer: study list and series strip, toolbar, viewport grid, measurement list, help. */
const NO_EXTENSION: ViewerExtension = {};

export function Viewer({ studies, pixelSource, decoder, measurements, cacheBytes, recentStudies, onOpenRecent, extension, panelSlots, onStudyShown }: ViewerProps) {
  const [base] = useState(createServices);
  const [memory] = useState(() => createMemoryMeasurementStore());
  // The measurement record can arrive after mount (the reading session opens its document): follow it.
  const measurementStore = extension?.measurements ?? measurements ?? memory;
  const services = useMemo((): ViewerServices => ({ ...base, measurements: measurementStore }), [base, measurementStore]);
  const { store, images } = services;
  const [studyKey, setStudyKey] = useState<string | null>(null);

  useEffect(() => () => base.reformats.dispose(), [base]);
  useEffect(() => installTestHook(services), [services]);
  const attach = extension?.attach;
  useEffect(() => attach?.(services), [attach, services]);
  // A measurement can go without the viewer deleting it (undo in the document): drop a selection that points at it.
  useEffect(
    () =>
      services.measurements.subscribe((change) => {
        if (change.type === 'removed' && store.getState().selectedMeasurementId === change.id) store.dispatch({ type: 'select', id: null });
      }),
    [services, store],
  );
  useEffect(() => {
    if (cacheBytes !== undefined) images.setBudget(cacheBytes);
  }, [cacheBytes, images]);

  // Layout effects: they run before the children's effects, and the series thumbnails load images in theirs.
  useLayoutEffect(() => {
    if (pixelSource === undefined || decoder === undefined) return;
    images.setProvider('spine', async (imageId) => {
      const instance = store.instance(imageId);
      const source = instance?.source;
      if (source === undefined) throw new Error(`unknown image ${imageId}`);
      const bytes = await pixelSource.fetchInstance(source.instanceId);
      const pixels = await decoder.decode(bytes, source);
      const display = instance?.display;
      return {
        ...pixels,
        rescaleSlope: display?.rescaleSlope ?? 1,
        rescaleIntercept: display?.rescaleIntercept ?? 0,
        windowCenter: display?.windowCenter ?? null,
        windowWidth: display?.windowWidth ?? null,
      };
    });
  }, [pixelSource, decoder, images, store]);

  // The hanging the viewer chose itself (null until the first); while the reader keeps it, a study that gains
  // series while indexing is hung again (e.g. sagittal left, axial right once both are ready).
  const autoHang = useRef<Hanging | null>(null);

  // New studies: catalogue them, and hang the first one when nothing is on screen yet. While indexing, studies
  // arrive again as series grow: each viewport follows its image to its new place (zoom, pan, window kept).
  useLayoutEffect(() => {
    const moves = followViewports(store.getState().viewports, (key) => store.series(key), studies);
    store.setStudies(studies);
    for (const move of moves) store.dispatch({ type: 'follow', ...move });
    const last = autoHang.current;
    if (last !== null && moves.length > 0) autoHang.current = { ...last, viewports: last.viewports.map((k, i) => moves.find((m) => m.viewport === i)?.seriesKey ?? k) };
    const first = studies[0];
    if (first === undefined) return;
    setStudyKey((current) => current ?? first.key);
    const hanging = chooseHanging(first.series.map((s) => ({ ...s, imageCount: s.instances.length })));
    const state = store.getState();
    const onScreen = state.viewports.some((v) => v.seriesKey !== null && store.series(v.seriesKey) !== undefined);
    if (onScreen) {
      const auto = autoHang.current;
      const shown = state.viewports.slice(0, LAYOUT_SIZE[state.layout]).map((v) => v.seriesKey);
      const keptByReader = auto === null || state.layout !== auto.layout || shown.some((k, i) => k !== (auto.viewports[i] ?? null));
      const same = auto !== null && hanging.layout === auto.layout && hanging.viewports.every((k, i) => k === (auto.viewports[i] ?? null));
      if (keptByReader || same) return;
    }
    // A viewport that keeps its series keeps its view (slice, window, zoom, pan): one update, not one per setting.
    store.dispatch({ type: 'hang', hanging, initialSlice: (key) => Math.floor((store.series(key)?.instances.length ?? 1) / 2), keepSameSeries: onScreen });
    autoHang.current = hanging;
  }, [studies, store]);

  // The viewer's keys, from its shortcut table, in the page keymap; a focused text field or select keeps its keys.
  useKeyBindings(
    useMemo(
      () => SHORTCUTS.map((s) => ({ chord: chordOf(s), when: 'no-control' as const, label: s.label, group: s.group, description: s.description, run: () => runCommand(services, s.command) })),
      [services],
    ),
  );

  const study = studies.find((s) => s.key === studyKey) ?? studies[0];
  const shownKey = study?.key;
  useEffect(() => {
    if (shownKey !== undefined) onStudyShown?.(shownKey);
  }, [shownKey, onStudyShown]);
  // Series derived in this viewer (reformats), kept as state so adding one re-renders the list.
  const [extraSeries, setExtraSeries] = useState<readonly ViewerSeries[]>(() => store.getExtraSeries());
  const seriesList = useMemo((): ViewerSeries[] => {
    if (study === undefined) return [];
    return [...study.series, ...extraSeries.filter((s) => s.studyKey === study.key)];
  }, [study, extraSeries]);

  const reformat = (series: ViewerSeries, orientation: ReformatOrientation): void => {
    const state = store.getState();
    // Show it in another viewport than the source's when the layout has one.
    const target = LAYOUT_SIZE[state.layout] > 1 ? state.viewports.findIndex((v, i) => i < LAYOUT_SIZE[state.layout] && v.seriesKey !== series.key) : state.active;
    const viewport = target < 0 ? state.active : target;
    store.dispatch({ type: 'notice', viewport, notice: `Building ${orientation} reformat…` });
    void services.reformats
      .build(series, orientation, (done, total) => {
        if (done % 10 === 0 || done === total) store.dispatch({ type: 'notice', viewport, notice: `Building ${orientation} reformat… ${done}/${total} slices` });
      })
      .then((result) => {
        if (!result.ok) {
          store.dispatch({ type: 'notice', viewport, notice: `Cannot reformat ${series.description}: ${result.reason}` });
          return;
        }
        store.addSeries(result.value);
        setExtraSeries(store.getExtraSeries());
        store.dispatch({ type: 'notice', viewport, notice: null });
        store.dispatch({ type: 'assign', viewport, seriesKey: result.value.key, sliceIndex: Math.floor(result.value.instances.length / 2), centred: true });
      });
  };

  const left = (
    <>
      <StudyList studies={studies} selectedKey={study?.key ?? null} onSelect={setStudyKey} {...(recentStudies ? { recent: recentStudies } : {})} {...(onOpenRecent ? { onOpenRecent } : {})} />
      <SeriesStrip series={seriesList} onReformat={reformat} />
    </>
  );
  return (
    <ViewerContext.Provider value={services}>
      <ViewerExtensionContext.Provider value={extension ?? NO_EXTENSION}>
      <div className={`vw-root${panelSlots ? ' vw-embedded' : ''}`} data-testid="viewer">
        {panelSlots ? createPortal(<div className="vw-root vw-side">{left}</div>, panelSlots.left) : <aside className="vw-left">{left}</aside>}
        <div className="vw-centre">
          <Toolbar />
          <ViewportGrid />
        </div>
        {panelSlots ? (
          createPortal(
            <div className="vw-root vw-side vw-side-right">
              <MeasurementPanel />
            </div>,
            panelSlots.right,
          )
        ) : (
          <aside className="vw-right">
            <MeasurementPanel />
          </aside>
        )}
        <HelpWhenOpen />
      </div>
      </ViewerExtensionContext.Provider>
    </ViewerContext.Provider>
  );
}

function HelpWhenOpen() {
  const help = useViewerSelect((s) => s.help);
  return help ? <HelpOverlay /> : null;
}
