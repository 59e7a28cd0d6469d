-- Who reads in which language, and when it is for whom.
--
-- users.locale / users.time_zone: the person's own choice, made in their account menu; it goes
-- with the account into every org. Null: not chosen.
-- memberships.locale: the language this org knows a person by, guessed when the org first meets
-- them (the Accept-Language of their first page, the language of their first email). An org
-- cannot see the account of a customer who has not confirmed their membership (sql/023), so mail
-- to such a customer goes by this guess and never by the account.
-- organizations.default_locale: what everyone in the org reads until one of the above says otherwise.
-- mail_templates.locale: an org words each notification once per language it writes in.
--
-- A locale is a BCP 47 language tag as the catalogue names its files (locales/<tag>.json); the
-- format is checked here, and whether a catalogue exists for it in the application, so a
-- language added later needs no migration.

alter table users
  add column locale text constraint users_locale_format check (locale ~ '^[a-z]{2,3}(-[A-Z]{2})?$'),
  add column time_zone text constraint users_time_zone_length check (length(time_zone) between 1 and 64);
grant select (locale, time_zone), update (locale, time_zone) on users to atum_runtime;

alter table memberships
  add column locale text constraint memberships_locale_format check (locale ~ '^[a-z]{2,3}(-[A-Z]{2})?$');

alter table organizations
  add column default_locale text not null default 'en' constraint organizations_default_locale_format check (default_locale ~ '^[a-z]{2,3}(-[A-Z]{2})?$');
grant update (default_locale) on organizations to atum_runtime;

alter table mail_templates
  add column locale text not null default 'en' constraint mail_templates_locale_format check (locale ~ '^[a-z]{2,3}(-[A-Z]{2})?$');
alter table mail_templates drop constraint mail_templates_org_id_key_key;
alter table mail_templates add constraint mail_templates_org_id_key_locale_key unique (org_id, key, locale);

-- A requester by address, as in sql/023, now with the language the org first meets them in.
-- An existing membership keeps the language it has: the first guess stands until someone changes it.
drop function app.ensure_requester(text, text);
create function app.ensure_requester(p_email text, p_name text, p_locale text) returns uuid
  language plpgsql volatile security definer set search_path = ''
  as $$
  declare
    uid uuid;
    org uuid := app.current_org();
  begin
    if org is null then raise exception 'no tenant context' using errcode = '42501'; end if;
    select u.id into uid from public.users u where lower(u.email) = lower(p_email);
    if uid is null then
      insert into public.users (email, name) values (p_email, coalesce(p_name, '')) returning id into uid;
    end if;
    insert into public.memberships (org_id, user_id, role, name, email, confirmed_at, locale)
    values (org, uid, 'customer', nullif(p_name, ''), p_email, null, p_locale)
    on conflict do nothing;
    return uid;
  end
  $$;
revoke all on function app.ensure_requester(text, text, text) from public;
grant execute on function app.ensure_requester(text, text, text) to atum_runtime;

-- The language and time zone a person reads in at this org: their own choice, else the org's
-- knowledge of them, else the org's default. A customer who has not confirmed is read by the
-- org's knowledge only (their account is not the org's to see).
create function app.reader_of(p_user uuid)
  returns table (locale text, time_zone text)
  language sql stable security definer set search_path = ''
  as $$
    select coalesce(case when m.confirmed_at is not null then u.locale end, m.locale, o.default_locale),
           coalesce(case when m.confirmed_at is not null then u.time_zone end, o.settings ->> 'time_zone')
    from public.organizations o
    join public.memberships m on m.org_id = o.id and m.user_id = p_user
    join public.users u on u.id = m.user_id
    where o.id = app.current_org()
  $$;
revoke all on function app.reader_of(uuid) from public;
grant execute on function app.reader_of(uuid) to atum_runtime;

-- A change of the org's default language is a settings change like any other in the audit log.
create or replace function app.organizations_audit() returns trigger
  language plpgsql
  as $$
  declare
    changes jsonb := app.jsonb_changes(to_jsonb(old), to_jsonb(new), array['name', 'settings', 'require_2fa',
      'ip_allowlist', 'search_language', 'solved_autoclose_days', 'attachment_quota_bytes', 'default_locale']);
  begin
    if changes <> '{}' then
      perform app.audit_row(new.id, 'org.settings_change', 'organization', new.id::text, jsonb_build_object('changes', changes));
    end if;
    return null;
  end
  $$;

-- Entering a tenant also says who the caller reads as, in the same statement: the request's
-- language and zone cost no query of their own. The checks are those of sql/022, unchanged; the
-- words follow app.reader_of's rule above, inlined here because this runs on every request.
drop function app.enter_as_member(bytea, uuid, uuid, text, uuid, text);
create function app.enter_as_member(p_proof bytea, p_org uuid, p_user uuid, p_role text, p_session uuid, p_ip text)
  returns table (member_ok boolean, session_ok boolean, ip_ok boolean, mfa_setup boolean, locale text, time_zone text)
  language plpgsql volatile
  as $$
  #variable_conflict use_column
  begin
    perform app.enter(p_proof, false, p_org, p_user, p_role, null, p_ip);
    return query
      select m.role::text = p_role and m.disabled_at is null,
             p_session is null or exists (
               select 1 from public.sessions s where s.id = p_session and s.user_id = m.user_id
                 and s.revoked_at is null and s.expires_at > now()),
             cardinality(o.ip_allowlist) = 0 or p_ip::inet <<= any (o.ip_allowlist),
             o.require_2fa and not exists (
               select 1 from public.user_totp t where t.user_id = m.user_id and t.confirmed_at is not null),
             coalesce(case when m.confirmed_at is not null then u.locale end, m.locale, o.default_locale),
             coalesce(case when m.confirmed_at is not null then u.time_zone end, o.settings ->> 'time_zone')
      from public.memberships m join public.organizations o on o.id = m.org_id
      left join public.users u on u.id = m.user_id
      where m.org_id = p_org and m.user_id = p_user;
  end
  $$;

drop function app.enter_as_api_key(bytea, uuid, bytea, text);
create function app.enter_as_api_key(p_proof bytea, p_org uuid, p_token_hash bytea, p_ip text)
  returns table (id uuid, name text, permissions text[], ip_ok boolean, stale boolean, locale text, time_zone text)
  language plpgsql volatile
  as $$
  #variable_conflict use_column
  declare
    k record;
  begin
    perform app.enter(p_proof, false, p_org, null, 'agent', null, p_ip);
    select a.id, a.name, a.permissions,
           cardinality(o.ip_allowlist) = 0 or p_ip::inet <<= any (o.ip_allowlist) as ip_ok,
           a.last_used_at is null or a.last_used_at < now() - interval '1 minute' as stale,
           o.default_locale as locale, o.settings ->> 'time_zone' as time_zone
      into k
      from public.api_keys a join public.organizations o on o.id = a.org_id
      where a.org_id = p_org and a.token_hash = p_token_hash and a.revoked_at is null
        and (a.expires_at is null or a.expires_at > now());
    if not found then return; end if;
    perform app.enter(p_proof, false, p_org, null, 'agent', k.id, p_ip);
    return query select k.id, k.name, k.permissions, k.ip_ok, k.stale, k.locale, k.time_zone;
  end
  $$;
revoke all on function app.enter_as_member(bytea, uuid, uuid, text, uuid, text), app.enter_as_api_key(bytea, uuid, bytea, text) from public;
grant execute on function app.enter_as_member(bytea, uuid, uuid, text, uuid, text), app.enter_as_api_key(bytea, uuid, bytea, text) to atum_runtime;
