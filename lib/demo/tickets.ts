/** One demo conversation: who writes in, about what, and what happened since. */
export interface DemoTicket {
  subject: string;
  requester: { email: string; name: string };
  body: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  type: 'question' | 'incident' | 'problem' | 'task';
  tags: string[];
  product: string;
  /** Who works it: a demo staff member's key, or nobody. */
  assignee?: 'admin' | 'ada' | 'grace';
  /** In order: `agent` (public reply by the assignee or Ada), `note` (internal, by Grace), `customer` (the requester again). */
  thread: { by: 'agent' | 'note' | 'customer'; body: string }[];
  status?: 'open' | 'pending' | 'on_hold' | 'solved';
}

export const DEMO_PRODUCTS = ['Remote Access', 'Billing', 'Reporting', 'Printing', 'Accounts'];

/** A morning's worth of support: every status, priority and kind of exchange once or twice. */
export const DEMO_TICKETS: DemoTicket[] = [
  {
    subject: 'VPN disconnects every hour since the last update',
    requester: { email: 'maria.jensen@northwind.example', name: 'Maria Jensen' },
    body: 'Since Tuesday the VPN client drops the connection roughly every 60 minutes and I have to log in again. Version 5.2.1 on Windows 11. Colleagues on macOS do not have it.',
    priority: 'high',
    type: 'incident',
    tags: ['vpn', 'windows'],
    product: 'Remote Access',
    assignee: 'ada',
    thread: [
      {
        by: 'agent',
        body: 'Hi Maria, sorry about that. Could you send the client log (Help → Export diagnostics) from a day where it dropped? Then we can see whether the session or the tunnel ends.',
      },
      { by: 'customer', body: 'Attached to my next mail is the export. It dropped at 10:02 and 11:03 today.' },
      { by: 'note', body: 'Matches the keepalive regression in 5.2.1 (see problem ticket in the vendor portal). Workaround: set the keepalive to 30 s in the profile.' },
    ],
    status: 'open',
  },
  {
    subject: 'Invoice 2026-118 charges VAT twice',
    requester: { email: 'tom.becker@contoso.example', name: 'Tom Becker' },
    body: 'Our November invoice (2026-118) adds 19 % VAT on the subtotal and then again on the total. Please send a corrected invoice; our accounts team cannot book it like this.',
    priority: 'normal',
    type: 'problem',
    tags: ['billing', 'invoice'],
    product: 'Billing',
    thread: [],
  },
  {
    subject: 'Password reset email never arrives',
    requester: { email: 'li.wei@fabrikam.example', name: 'Li Wei' },
    body: 'I requested a password reset three times in the last hour and no email came, not in spam either. I cannot sign in at all and have a deadline today.',
    priority: 'urgent',
    type: 'incident',
    tags: ['login', 'email'],
    product: 'Accounts',
    thread: [],
  },
  {
    subject: 'Cannot export the monthly report to PDF',
    requester: { email: 'sofia.rossi@adatum.example', name: 'Sofia Rossi' },
    body: 'Export → PDF shows a spinner and then nothing. CSV export works. The report covers October, about 4,000 rows.',
    priority: 'low',
    type: 'problem',
    tags: ['reports', 'export'],
    product: 'Reporting',
    assignee: 'admin',
    thread: [{ by: 'agent', body: 'Thanks Sofia. Does it also fail for a shorter range, say one week? That tells us whether it is the size of the report.' }],
    status: 'pending',
  },
  {
    subject: 'Printer on the 3rd floor reports a paper jam with no paper in it',
    requester: { email: 'james.okafor@northwind.example', name: 'James Okafor' },
    body: 'The HP on floor 3 says "paper jam in tray 2" but the tray is empty and nothing is stuck. Turning it off and on did not help.',
    priority: 'normal',
    type: 'incident',
    tags: ['printer', 'hardware'],
    product: 'Printing',
    assignee: 'grace',
    thread: [
      { by: 'agent', body: 'Hi James, the sensor behind tray 2 sometimes holds a torn corner. I have asked facilities to open the rear panel this afternoon.' },
      { by: 'customer', body: 'Facilities found a scrap of paper behind the roller. Printing works again, thank you!' },
      { by: 'agent', body: 'Great to hear. I will close this one; just reply if it comes back.' },
    ],
    status: 'solved',
  },
  {
    subject: 'Order #55012 was delivered to our old address',
    requester: { email: 'tom.becker@contoso.example', name: 'Tom Becker' },
    body: 'We moved in September and updated the address in the portal, but order #55012 went to the old building. Can it be redirected?',
    priority: 'high',
    type: 'problem',
    tags: ['shipping'],
    product: 'Billing',
    assignee: 'grace',
    thread: [{ by: 'note', body: 'Carrier confirms the parcel is back at the depot; redirect booked for Thursday. The address change was saved on the account but not on the open order.' }],
    status: 'open',
  },
  {
    subject: 'Feature request: dark mode for the customer portal',
    requester: { email: 'sofia.rossi@adatum.example', name: 'Sofia Rossi' },
    body: 'Several of our staff work night shifts. A dark theme for the portal would be easier on the eyes.',
    priority: 'low',
    type: 'task',
    tags: ['feature-request', 'portal'],
    product: 'Accounts',
    assignee: 'ada',
    thread: [{ by: 'agent', body: 'Thanks for the suggestion, Sofia. I have passed it to the product team and put this request on hold until they plan it.' }],
    status: 'on_hold',
  },
  {
    subject: 'How do I add a second administrator to our account?',
    requester: { email: 'li.wei@fabrikam.example', name: 'Li Wei' },
    body: 'Our IT lead is leaving next month. How can I make a colleague an administrator before then?',
    priority: 'normal',
    type: 'question',
    tags: ['how-to'],
    product: 'Accounts',
    thread: [],
  },
];
