/**
 * Where the browser fetches an uploaded image. A plain module, not a client one: the teacher's
 * WorkView is a server component, and a function exported from a "use client" file cannot be
 * called on the server (it is only a reference there).
 */
export const imageUrl = (id: string, variant: "thumb" | "full" = "full") => `/api/images/${id}?variant=${variant}`;
