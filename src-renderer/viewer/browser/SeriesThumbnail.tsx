import { useEffect, useRef, useState } from 'react';
import { useViewerServices } from '../context';
import type { ViewerSeries } from '../types';
import { paintThumbnail } from '../viewport/thumbnail';

/** The middle image of a series, painted at its own size and scaled by CSS (no enabled element needed). */
export function SeriesThumbnail({ series }: { readonly series: ViewerSeries }) {
  const { images } = useViewerServices();
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const [failed, setFailed] = useState(false);
  const imageId = series.instances[Math.floor(series.instances.length / 2)]?.imageId;
  useEffect(() => {
    if (imageId === undefined) return;
    let current = true;
    images.load(imageId).then(
      (image) => {
        const target = canvas.current;
        if (!current || target === null) return;
        target.width = image.columns;
        target.height = image.rows;
        const context = target.getContext('2d');
        if (context === null) return;
        const data = context.createImageData(image.columns, image.rows);
        paintThumbnail(image, data.data);
        context.putImageData(data, 0, 0);
      },
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [imageId, images]);
  return failed ? <div className="vw-thumb vw-thumb-failed">no image</div> : <canvas ref={canvas} className="vw-thumb" aria-hidden="true" />;
}
