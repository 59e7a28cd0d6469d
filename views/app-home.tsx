import { Layout } from './layout.tsx';

export function AppHome(props: { orgName: string; email: string; role: string }) {
  return (
    <Layout title={props.orgName}>
      <h1>{props.orgName}</h1>
      <p>
        Signed in as {props.email} ({props.role}).
      </p>
    </Layout>
  );
}
