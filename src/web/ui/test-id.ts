/** `data-testid` for props objects (okButtonProps, menu items) where JSX attribute syntax is not available. */
export const testId = (id: string) => ({ 'data-testid': id }) as Record<string, string>;
