// The `schemes` package (IANA URI scheme registry) ships no type declarations.
declare module 'schemes' {
  const schemes: { allByName: Record<string, unknown> };
  export default schemes;
}
