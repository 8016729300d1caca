/** dataTransfer type for dragging a series (its key) from the strip to a viewport. */
export const SERIES_DRAG_TYPE = 'application/x-spine-viewer-series';
