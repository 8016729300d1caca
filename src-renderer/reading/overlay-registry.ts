/**
 * What each viewport's reading overlay currently shows, for the test hook: the level readout or the reason labels
 * are hidden, and a patient -> client mapping so an end-to-end test can click real screen positions.
 */
export interface OverlayFacts {
  readonly seriesKey: string;
  readonly orientation: string;
  readonly readout: string | null;
  readonly hiddenReason: string | null;
  readonly markers: readonly string[];
  /** The boxes of every text and mark drawn (CSS px from the overlay's top left), from the shared geometry. */
  readonly boxes: readonly { readonly kind: string; readonly of: string; readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number }[];
  patientToClient(point: readonly [number, number, number]): { x: number; y: number } | null;
}

const facts = new Map<number, OverlayFacts>();

export const overlayRegistry = {
  set(viewport: number, value: OverlayFacts): void {
    facts.set(viewport, value);
  },
  delete(viewport: number): void {
    facts.delete(viewport);
  },
  get(viewport: number): OverlayFacts | undefined {
    return facts.get(viewport);
  },
  all(): [number, OverlayFacts][] {
    return [...facts.entries()];
  },
};
