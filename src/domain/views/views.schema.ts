import { Type, type Static } from 'typebox';

export const ViewInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 80 }),
  path: Type.String({
    maxLength: 1000,
    // An address inside the app only: "/…" but not "//host", so a saved view cannot lead elsewhere.
    pattern: '^/(?![/\\\\])[^\\s]*$',
    description: "The page's address within the app, with its query (period, segment, filters)",
  }),
});
export type ViewInput = Static<typeof ViewInput>;
export const SavedView = Type.Object({ name: Type.String(), path: Type.String(), saved_at: Type.String({ format: 'date-time' }) });
export const SavedViewList = Type.Object({ items: Type.Array(SavedView) });
export type SavedViewList = Static<typeof SavedViewList>;
export const ViewParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 80 }) });
