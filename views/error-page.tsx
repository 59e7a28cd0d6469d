import { Layout } from './layout.tsx';

export function errorPage(status: number, message: string) {
  return (
    <Layout title={`Error ${status}`}>
      <h1>{status === 404 ? 'Not found' : `Error ${status}`}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Back to ATUM DESK</a>
      </p>
    </Layout>
  );
}
