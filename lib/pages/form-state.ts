/** What a form shows again after a refused post: the message per field and what was typed. */
export interface FormState {
  errors: Record<string, string>;
  values: Record<string, string>;
}
