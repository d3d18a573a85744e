## Frame
nav-skip = Skip to content
nav-label = Main navigation
nav-language = Choose language
nav-overview = Overview
nav-admin = Administration
nav-login = Log in
nav-logout = Log out
nav-password = Change password
nav-about = About praevnetz and data sources

## Errors
error-request-id = Request number (quote it when you ask for help)
error-not-found-title = Not found
error-not-found = This page does not exist, or you have no access to it.
error-forbidden-title = Not allowed
error-forbidden = Your role does not allow this.
error-csrf-title = Form expired
error-csrf = The form was no longer valid and was not processed.
error-csrf-hint = Reload the page and send the form again.
error-session-ended-title = Session ended
error-session-ended = Your session has ended; the form was not saved.
error-session-ended-hint = Log in again and enter the details once more.
error-method-title = Not possible
error-method = This address cannot be called this way.
error-timeout-title = Timeout
error-timeout = The request took too long.
error-timeout-hint = Try again in a moment.
error-too-large-title = Too large
error-too-large = The data sent are too large.
error-too-many-title = Too many attempts
error-too-many = Too many failed logins.
error-too-many-hint = Please wait { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
} and try again.
error-busy-title = Please wait
error-busy = A long computation is already running.
error-busy-hint = It is { $percent } % done. Please try again afterwards.
error-conflict-title = No longer possible
error-conflict = This does not fit the current state: a meeting that took place or is cancelled takes no more topics, and closed topics are not scheduled any more.
error-unavailable-title = Temporarily unavailable
error-unavailable = The database cannot be reached right now.
error-unavailable-hint = Please try again in about half a minute.
error-bad-request-title = Bad request
error-bad-request = The request contains details that were not understood.
error-internal-title = Error
error-internal = Something went wrong. The error has been logged.

## Login and account
login-title = Log in
login-email = E-mail address
login-password = Password
login-submit = Log in
login-error-email = Please enter a valid e-mail address.
login-error-failed = E-mail address or password is not correct.
password-title = Change password
password-current = Current password
password-new = New password
password-repeat = Repeat new password
password-rule = At least 10 characters.
password-submit = Change password
password-done = Your password has been changed. Other logins with the old password have been ended.
password-error-short = The new password is too short: at least 10 characters.
password-error-long = The new password is too long: at most 200 characters.
password-error-repeat = The repetition does not match the new password.
password-error-current = The current password is not correct.

## Overview
overview-title = Overview
overview-scope = Your area
overview-scope-network = the whole network
overview-municipalities = municipalities
overview-blocks = Municipalities by programme building block
overview-block = Building block
overview-count-municipalities = Municipalities
overview-problems = Open problems by category
overview-open-problems = Open problems
overview-category = Category
overview-count = Number
overview-no-problems = No open problems in your area.
overview-meetings = Upcoming meetings
overview-no-meetings = No meetings planned.
overview-changes-all = Recent changes in the network
overview-changes-own = Your recent changes
overview-no-changes = No changes yet.

## About
about-title = About praevnetz
about-intro = praevnetz is the working platform of municipal prevention networks: actors, ties, problems, good practice and networking meetings in one place.
about-sources = Data sources
about-source-lau = Municipality codes and names: Eurostat GISCO "Local Administrative Units" 2024 (© European Union / EuroGeographics for the administrative boundaries; codes and names as published by Destatis).
about-source-destatis = District area and population: Federal Statistical Office (Destatis), Data licence Germany – attribution – version 2.0.
about-source-geonames = Coordinates and population of main places: GeoNames (geonames.org), CC BY 4.0.
about-source-demo = The demo data (persons, ties, problems, meetings) are invented; any resemblance to real persons is unintended.
about-licence = Licence
about-licence-text = praevnetz is free software under the GNU Affero General Public License, version 3 or later.
about-privacy = Privacy
about-privacy-text = The stored data are personal. Only logged-in users have access, within their role; every change is logged.
