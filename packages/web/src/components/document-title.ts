/** The document title for a page heading: `heading – Musubi 結び`, or the app's name alone. */
export function documentTitle(heading: string | null | undefined, appName: string): string {
  const text = (heading ?? '').replace(/\s+/g, ' ').trim();
  return text === '' ? appName : `${text} – ${appName}`;
}
