// `propose-levels`'s usage text, apart from its code: `--help` prints every usage without loading the commands.
export const PROPOSE_LEVELS_USAGE = `usage: propose-levels --study PATH|sample --series SERIES_UID --anchor LABEL:X,Y,Z [--anchor …]
              [--thoracic 11|12|13] [--lumbar 4|5|6] [--counting whole-spine-localizer|partial|unknown]

Finds the vertebrae along the spine in one series (sagittal, or an axial volume) and names them by counting from
the anchors: labels you are sure of, at patient coordinates X,Y,Z (DICOM LPS, mm), e.g. --anchor L5:1.3,-125.8,246.2.
Each level is placed at the same point of its vertebra as the anchor is of its own. Prints JSON: each proposed
level with its LPS point and a confidence (0 to 1), and warnings: where the image ends or stops showing vertebrae,
and where the names depend on a count this series cannot show (lowest rib, lumbosacral junction). The count is
12 thoracic and 5 lumbar vertebrae unless --thoracic/--lumbar say otherwise; --counting is how it was
established (default unknown).

exit codes: 0 proposed (warnings in the JSON); 2 bad arguments, study or series not found, a series without
usable images, an anchor the series does not show; 1 unexpected internal error.`;
