// The one overlay geometry, drawn by the viewer and by the report's key images alike.
export * from './placement';
export * from './glyphs';
export * from './svg';
