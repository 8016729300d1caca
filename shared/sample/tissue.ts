// Tissue classes of the phantom and how each looks on CT (HU) and on a T2-weighted MR (arbitrary units).

export const Tissue = {
  Air: 0, Fat: 1, Skin: 2, Muscle: 3, Blood: 4, Kidney: 5, Bowel: 6, BowelGas: 7, Liver: 8,
  Cortex: 9, Cancellous: 10, DiscAnnulus: 11, DiscNucleus: 12, Csf: 13, Cord: 14, NerveRoot: 15,
  EpiduralFat: 16, Ligament: 17, LyticLesion: 18, EpiduralTumour: 19, Lung: 20,
} as const;
export type Tissue = (typeof Tissue)[keyof typeof Tissue];

const TISSUE_COUNT = 21;

function table(values: Record<keyof typeof Tissue, number>): Float32Array {
  const out = new Float32Array(TISSUE_COUNT);
  for (const [name, id] of Object.entries(Tissue)) out[id] = values[name as keyof typeof Tissue];
  return out;
}

/** Non-contrast CT attenuation (HU), typical adult values. */
export const CT_HU = table({
  Air: -1000, Fat: -100, Skin: 30, Muscle: 50, Blood: 42, Kidney: 32, Bowel: 28, BowelGas: -900, Liver: 58,
  Cortex: 1000, Cancellous: 270, DiscAnnulus: 95, DiscNucleus: 75, Csf: 8, Cord: 35, NerveRoot: 30,
  EpiduralFat: -85, Ligament: 75, LyticLesion: 32, EpiduralTumour: 45, Lung: -850,
});

/** T2-like signal: fluid and fat bright, marrow intermediate, cortex/ligament/flowing blood dark, tumour bright-ish. */
export const MR_T2 = table({
  Air: 0, Fat: 1250, Skin: 500, Muscle: 320, Blood: 120, Kidney: 800, Bowel: 700, BowelGas: 0, Liver: 380,
  Cortex: 60, Cancellous: 620, DiscAnnulus: 260, DiscNucleus: 1450, Csf: 1900, Cord: 680, NerveRoot: 520,
  EpiduralFat: 1150, Ligament: 140, LyticLesion: 1150, EpiduralTumour: 1000, Lung: 30,
});
