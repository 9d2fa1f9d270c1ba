export { createHlrDetector, DETECTIONS_TOPIC, HLR_DETECTOR_SOURCE } from './hlr-detector';
export type { HlrDetector, HlrDetectorDependencies, HlrDetectorSettings } from './hlr-detector';
export { hlrDetectorConfig, type HlrDetectorConfig } from './config';
export { OBSERVATIONS_TOPIC } from './entry-points/bus/observation.subscription';
