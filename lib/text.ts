/** "1 student", "3 students": counts in sentences, on the server and in the browser. */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
