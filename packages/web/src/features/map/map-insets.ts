/** Moved to `#core/map/map-insets.ts` (shared with the region report); kept here for the map's imports. */
export * from '#core/map/map-insets.ts';
