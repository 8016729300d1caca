// Public surface of the patient-space geometry library (pure TypeScript: no Node, DOM or imaging imports).
export * from './units';
export * from './result';
export * from './vec3';
export * from './image-plane';
export * from './orientation';
export * from './stack';
export * from './reference-line';
export * from './reformat';
export * from './measure';
export * from './vertebral-height';
export * from './projection';
export * from './level-link';
